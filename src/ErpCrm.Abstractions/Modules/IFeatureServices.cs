namespace ErpCrm.Modules;

/// <summary>
/// The implementations of an extension point <typeparamref name="T"/> whose features are on for the
/// current tenant, in registration order. Resolve this instead of <c>IEnumerable&lt;T&gt;</c> for every
/// extension point, so that a disabled feature's handlers stay silent.
/// </summary>
public interface IFeatureServices<out T> : IEnumerable<T> where T : class
{
}
