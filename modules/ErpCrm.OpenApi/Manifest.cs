using ErpCrm.Modules;

[assembly: Module(Name = "API documentation", Description = "The tenant's HTTP API as an OpenAPI document, with a browsable reference.",
    Author = "ErpCrm", Category = "Developer")]
[assembly: Feature(Id = "ErpCrm.OpenApi", Name = "API documentation",
    Description = "Serves /api/openapi/v1.json and a browsable API reference at /api/docs, listing only the endpoints of the tenant's enabled features.")]
