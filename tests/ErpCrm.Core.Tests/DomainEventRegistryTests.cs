using ErpCrm.Core.Events;
using ErpCrm.Core.Modules;
using ErpCrm.Data;
using ErpCrm.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Tests;

/// <summary>Declaring domain events: stable names of one shape, each name and each type declared once.</summary>
public sealed class DomainEventRegistryTests
{
    private sealed record OrderPlaced(string OrderId, long Total, string? Note) : IDomainEvent;

    private sealed record OrderShipped(string OrderId) : IDomainEvent;

    [Theory]
    [InlineData("OrderPlaced")]
    [InlineData("sales.OrderPlaced")]
    [InlineData("Sales.Order Placed")]
    [InlineData("Sales.")]
    public void A_name_that_is_not_Module_dot_EventName_is_refused_at_registration(string name)
    {
        var refused = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddDomainEvent<OrderPlaced>(name, "An order was placed."));
        Assert.Contains($"not '{name}'", refused.Message);
    }

    [Fact]
    public void A_declaration_without_a_description_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddDomainEvent<OrderPlaced>("Sales.OrderPlaced", " "));

    [Fact]
    public void A_name_or_a_type_declared_twice_stops_the_host_naming_both()
    {
        var sameName = new ServiceCollection()
            .AddDomainEvent<OrderPlaced>("Sales.OrderPlaced", "An order was placed.")
            .AddDomainEvent<OrderShipped>("Sales.OrderPlaced", "An order was shipped.");
        Assert.Contains("'Sales.OrderPlaced' is declared for", Assert.Throws<InvalidOperationException>(() => DomainEventRegistry.Build(sameName, new ServiceFeatureMap())).Message);

        var sameType = new ServiceCollection()
            .AddDomainEvent<OrderPlaced>("Sales.OrderPlaced", "An order was placed.")
            .AddDomainEvent<OrderPlaced>("Sales.OrderCreated", "An order was created.");
        Assert.Contains("declared as Sales.OrderPlaced and Sales.OrderCreated", Assert.Throws<InvalidOperationException>(() => DomainEventRegistry.Build(sameType, new ServiceFeatureMap())).Message);
    }

    [Fact]
    public void A_declared_event_is_found_by_type_and_name_with_the_schema_of_its_payload()
    {
        var registry = DomainEventRegistry.Build(new ServiceCollection().AddDomainEvent<OrderPlaced>("Sales.OrderPlaced", "An order was placed."), new ServiceFeatureMap());

        var entry = registry.Find(typeof(OrderPlaced));
        Assert.Same(entry, registry.Find("Sales.OrderPlaced"));
        Assert.Null(registry.Find("sales.orderplaced"));
        Assert.Null(registry.Find(typeof(OrderShipped)));
        var properties = entry!.Descriptor.Schema.GetProperty("properties");
        Assert.Equal(["orderId", "total", "note"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal("integer", properties.GetProperty("total").GetProperty("type").GetString());
    }
}
