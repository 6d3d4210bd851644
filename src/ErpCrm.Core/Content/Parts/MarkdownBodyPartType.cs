using ErpCrm.Content;

namespace ErpCrm.Core.Content.Parts;

/// <summary><c>MarkdownBodyPart</c>: <c>{"Markdown": "…"}</c>, stored as written (whoever renders it must not let raw HTML through).</summary>
internal sealed class MarkdownBodyPartType : IContentPartType
{
    public string Name => "MarkdownBodyPart";

    public string DisplayName => "Markdown body";

    public ValueTask ValidateAsync(ContentPartContext context)
    {
        PartValues.TryGetText(context, "Markdown", out _);
        return ValueTask.CompletedTask;
    }
}
