using System.Text;
using System.Text.Encodings.Web;
using ErpCrm.Core.Hosting;
using ErpCrm.Core;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Microsoft.AspNetCore.Antiforgery;

namespace ErpCrm.Web.Endpoints;

/// <summary>
/// The setup page of the Default tenant before it is set up: site name, administrator, database and recipe.
/// It runs the same <see cref="TenantSetupService"/> as the <c>setup</c> verb. Plain HTML that works without
/// JavaScript; errors stand next to their fields and what was typed is kept (but the password).
/// </summary>
internal static class SetupPage
{
    private sealed record Form(string SiteName, string AdminUserName, string AdminEmail, string Database, string ConnectionString, string Recipe);

    public static void MapSetupPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(TenantResolutionMiddleware.SetupPath, (HttpContext http, IAntiforgery antiforgery, RecipeLocator recipes) =>
            Pending(http) is null
                ? Results.NotFound()
                : Page(http, antiforgery, recipes, new Form("", "admin", "", "sqlite", "", DefaultRecipe(recipes)), new Dictionary<string, string>(), null))
            .AllowAnonymous().ExcludeFromDescription();

        endpoints.MapPost(TenantResolutionMiddleware.SetupPath, async (HttpContext http, IAntiforgery antiforgery, RecipeLocator recipes, TenantSetupService setup, CancellationToken ct) =>
        {
            if (Pending(http) is null)
            {
                return Results.NotFound();
            }
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(title: "Invalid form", detail: "The form's anti-forgery token is missing or stale: reload the page and submit again.", statusCode: StatusCodes.Status400BadRequest);
            }
            var posted = await http.Request.ReadFormAsync(ct);
            var form = new Form(posted["siteName"].ToString(), posted["adminUserName"].ToString(), posted["adminEmail"].ToString(),
                posted["database"].ToString(), posted["connectionString"].ToString(), posted["recipe"].ToString());
            var errors = new Dictionary<string, string>();
            var provider = form.Database switch
            {
                "postgres" => DatabaseProvider.Postgres,
                "sqlite" or "" => DatabaseProvider.Sqlite,
                _ => (DatabaseProvider?)null,
            };
            if (provider is null)
            {
                errors["database"] = "Choose SQLite or PostgreSQL.";
            }
            if (posted["adminPassword"] != posted["adminPasswordConfirm"])
            {
                errors["adminPasswordConfirm"] = "The two passwords differ.";
            }
            var progress = new List<string>();
            if (errors.Count == 0)
            {
                var result = await setup.SetupAsync(new SetupRequest(TenantInfo.DefaultName, form.SiteName, form.AdminUserName, form.AdminEmail,
                    posted["adminPassword"].ToString(), provider!.Value, provider == DatabaseProvider.Postgres ? form.ConnectionString : null, form.Recipe),
                    new SynchronousProgress<string>(progress.Add), ct);
                if (result.Succeeded)
                {
                    return Done(progress);
                }
                errors = new Dictionary<string, string>(result.Errors);
            }
            return Page(http, antiforgery, recipes, form, errors, progress);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static TenantInfo? Pending(HttpContext http) => http.Items[TenantResolutionMiddleware.SetupPendingKey] as TenantInfo;

    private static string DefaultRecipe(RecipeLocator recipes) =>
        recipes.List().Where(r => r.IsSetupRecipe).Select(r => r.Name).FirstOrDefault(n => n == "blank") ?? recipes.List().FirstOrDefault(r => r.IsSetupRecipe)?.Name ?? "";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, RecipeLocator recipes, Form form, IReadOnlyDictionary<string, string> errors, List<string>? progress)
    {
        var e = HtmlEncoder.Default;
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = new StringBuilder();
        html.Append(Head("Set up ErpCrm"));
        html.Append("<main><h1>Set up ErpCrm</h1><p>Name the company, create its administrator and choose how to start.</p>");
        if (errors.Count > 0)
        {
            html.Append("<div class=\"summary\" role=\"alert\"><strong>Setup did not run.</strong> Fix the fields marked below.</div>");
        }
        html.Append($"<form method=\"post\" action=\"{e.Encode(http.Request.PathBase + TenantResolutionMiddleware.SetupPath)}\" novalidate>");
        html.Append($"<input type=\"hidden\" name=\"{e.Encode(tokens.FormFieldName)}\" value=\"{e.Encode(tokens.RequestToken!)}\">");
        Field(html, errors, "siteName", "Company (site) name", $"<input id=\"siteName\" name=\"siteName\" value=\"{e.Encode(form.SiteName)}\" autofocus>");
        Field(html, errors, "adminUserName", "Administrator user name", $"<input id=\"adminUserName\" name=\"adminUserName\" autocomplete=\"username\" value=\"{e.Encode(form.AdminUserName)}\">");
        Field(html, errors, "adminEmail", "Administrator e-mail", $"<input id=\"adminEmail\" name=\"adminEmail\" type=\"email\" autocomplete=\"email\" value=\"{e.Encode(form.AdminEmail)}\">");
        Field(html, errors, "adminPassword", "Password (8 or more characters, with a letter and a digit)", "<input id=\"adminPassword\" name=\"adminPassword\" type=\"password\" autocomplete=\"new-password\">");
        Field(html, errors, "adminPasswordConfirm", "Password again", "<input id=\"adminPasswordConfirm\" name=\"adminPasswordConfirm\" type=\"password\" autocomplete=\"new-password\">");
        var database = new StringBuilder("<select id=\"database\" name=\"database\">");
        foreach (var (value, label) in new[] { ("sqlite", "SQLite (embedded, in the data folder)"), ("postgres", "PostgreSQL") })
        {
            database.Append($"<option value=\"{value}\"{(form.Database == value ? " selected" : "")}>{label}</option>");
        }
        Field(html, errors, "database", "Database", database.Append("</select>").ToString());
        Field(html, errors, "connectionString", "PostgreSQL connection string (PostgreSQL only)", $"<input id=\"connectionString\" name=\"connectionString\" value=\"{e.Encode(form.ConnectionString)}\" placeholder=\"Host=127.0.0.1;Username=erp;Password=…;Database=erp\">");
        var recipe = new StringBuilder("<select id=\"recipe\" name=\"recipe\">");
        foreach (var r in recipes.List().Where(r => r.IsSetupRecipe))
        {
            recipe.Append($"<option value=\"{e.Encode(r.Name)}\"{(form.Recipe == r.Name ? " selected" : "")}>{e.Encode(r.DisplayName)} — {e.Encode(r.Description)}</option>");
        }
        Field(html, errors, "recipe", "Recipe", recipe.Append("</select>").ToString());
        foreach (var (field, message) in errors.Where(x => x.Key is "tenant"))
        {
            html.Append($"<p class=\"error\" role=\"alert\">{e.Encode(message)}</p>");
        }
        html.Append("<button type=\"submit\">Set up</button></form>");
        if (progress is { Count: > 0 })
        {
            html.Append("<h2>What ran</h2><ol>");
            progress.ForEach(line => html.Append($"<li>{e.Encode(line)}</li>"));
            html.Append("</ol>");
        }
        html.Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static IResult Done(List<string> progress)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder(Head("ErpCrm is set up"));
        html.Append("<main><h1>ErpCrm is set up</h1><ol>");
        progress.ForEach(line => html.Append($"<li>{e.Encode(line)}</li>"));
        html.Append("</ol><p>Create an API token with <code>tokens create --user &lt;name&gt;</code> to use the API.</p></main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static void Field(StringBuilder html, IReadOnlyDictionary<string, string> errors, string name, string label, string input)
    {
        var error = errors.GetValueOrDefault(name);
        html.Append($"<div class=\"field{(error is null ? "" : " invalid")}\"><label for=\"{name}\">{HtmlEncoder.Default.Encode(label)}</label>");
        html.Append(error is null ? input : input.Replace($"id=\"{name}\"", $"id=\"{name}\" aria-invalid=\"true\" aria-describedby=\"{name}-error\""));
        if (error is not null)
        {
            html.Append($"<p class=\"error\" id=\"{name}-error\">{HtmlEncoder.Default.Encode(error)}</p>");
        }
        html.Append("</div>");
    }

    private static string Head(string title) =>
        $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{HtmlEncoder.Default.Encode(title)}}</title>
        <style>
        body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;color:#1d2733}
        main{max-width:34rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
        .field{margin:0 0 1rem} label{display:block;font-weight:600;margin-bottom:.25rem}
        input,select{width:100%;padding:.5rem;border:1px solid #9aa5b1;border-radius:.25rem;box-sizing:border-box;font:inherit}
        .invalid input,.invalid select{border-color:#b42318} .error{color:#b42318;margin:.25rem 0 0}
        .summary{background:#fef3f2;border:1px solid #b42318;padding:.75rem;border-radius:.25rem;margin-bottom:1rem}
        button{background:#1f5fbf;color:#fff;border:0;padding:.6rem 1.4rem;border-radius:.25rem;font:inherit;cursor:pointer}
        button:focus,input:focus,select:focus{outline:3px solid #84adff;outline-offset:1px}
        </style></head><body>
        """;
}
