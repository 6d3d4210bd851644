using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LeadPagesClient;

namespace ErpCrm.Leads.Tests;

/// <summary>The kanban (/admin/leads) and its moves, the lead list (/admin/leads/list), and who sees which lead pages and menu items.</summary>
public abstract class LeadBoardPagesHttpTests(DatabaseProvider provider) : LeadPagesTests(provider)
{
    private static KeyValuePair<string, string>[] Move(string id, string stage, long revision) => [new("id", id), new("stage", stage), new("revision", revision.ToString())];

    private static KeyValuePair<string, string>[] Lose(string id, string reason, long revision) => [new("id", id), new("reason", reason), new("revision", revision.ToString())];

    private async Task<string> StageOfAsync(string id) => (await Admin.GetLeadAsync(id)).Lead.Text("Stage")!;

    private static IReadOnlyList<string> ListNames(string html) =>
        Regex.Matches(html, "<tr data-lead=\"[^\"]+\">\\s*<td><a href=\"/admin/leads/[^\"]+\"><strong>([^<]*)</strong>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [Fact]
    public async Task The_board_has_a_column_per_stage_in_order_with_its_count_and_exact_totals_per_currency()
    {
        await Admin.NewLeadAsync("Ada", extra: Extra("1000.50"), company: "Acme");
        await Admin.NewLeadAsync("Bob", extra: Extra("2500"));
        await Admin.NewLeadAsync("Cy", extra: Extra("1234567", "JPY"));
        await Admin.NewLeadAsync("Dee", "Qualified", Extra("0.01"));
        await Admin.NewLeadAsync("Eve", "Negotiation");

        var board = await Browser.GetPageAsync("admin/leads");

        Assert.Equal(
            [("New", 3, "3,500.50 EUR + 1,234,567 JPY"), ("Qualified", 1, "0.01 EUR"), ("Proposition", 0, ""), ("Negotiation", 1, ""), ("Won", 0, ""), ("Lost", 0, "")],
            Columns(board));
        Assert.Equal(["Ada", "Bob", "Cy"], Cards(board, "New").Order());
        // Each thing once: the card's title is Ada, so the line under it names only her company.
        var ada = Regex.Matches(board, "<li class=\"erp-kanban-card[^>]*>.*?</li>", RegexOptions.Singleline).Single(m => m.Value.Contains("Acme")).Value;
        Assert.Single(Regex.Matches(ada, ">Ada<"));
        Assert.Contains("<p class=\"mb-1\">Acme</p>", ada);
        Assert.Contains("<span data-revenue>1,000.50 EUR</span>", board);
        Assert.Contains("No expected revenue", board);
        Assert.Contains("src=\"/js/kanban.js", board);
    }

    [Fact]
    public async Task The_board_filters_by_owner_mine_or_unassigned_by_text_and_by_source_and_keeps_them_in_its_links()
    {
        var me = await Admin.MyIdAsync();
        var ben = (await Admin.CreateUserAsync("ben")).GetProperty("id").GetRawText();
        await Admin.NewLeadAsync("Ada", extra: Extra(owner: me, source: "Website"));
        await Admin.NewLeadAsync("Bob", extra: Extra(owner: ben, source: "Referral"));
        await Admin.NewLeadAsync("Cy", extra: Extra(source: "website"));

        Assert.Equal(["Ada"], Cards(await Browser.GetPageAsync("admin/leads?owner=mine"), "New"));
        Assert.Equal(["Bob"], Cards(await Browser.GetPageAsync($"admin/leads?owner={ben}"), "New"));
        Assert.Equal(["Cy"], Cards(await Browser.GetPageAsync("admin/leads?owner=none"), "New"));
        Assert.Equal(["Ada", "Cy"], Cards(await Browser.GetPageAsync("admin/leads?source=WEBSITE"), "New").Order());
        var filtered = await Browser.GetPageAsync("admin/leads?owner=mine&q=ad&source=Website");
        Assert.Equal(["Ada"], Cards(filtered, "New"));
        Assert.Equal(("New", 1, ""), Columns(filtered)[0]);
        Assert.Contains("<option value=\"mine\" selected=\"selected\">Mine</option>", filtered);
        Assert.Contains("action=\"/admin/leads?q=ad&amp;source=Website&amp;owner=mine&amp;handler=move\"", filtered);
        Assert.Contains("href=\"/admin/leads/list?q=ad&amp;source=Website&amp;owner=mine\"", filtered);
    }

    [Fact]
    public async Task Moving_a_card_with_htmx_answers_the_board_with_the_new_counts_and_totals()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada", extra: Extra("100.00"));
        await Admin.NewLeadAsync("Bob", extra: Extra("50.00"));

        using var moved = await Browser.PostHtmxAsync("admin/leads?handler=move", Move(ada, "Qualified", revision), "admin/leads");

        var board = await moved.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.StartsWith("<div id=\"lead-board\" data-kanban>", board.Trim());
        Assert.Equal([("New", 1, "50.00 EUR"), ("Qualified", 1, "100.00 EUR")], Columns(board).Take(2));
        Assert.Contains("Ada moved to Qualified.", board);
        Assert.Equal("Qualified", await StageOfAsync(ada));
        Assert.Equal(["LeadCreated", "LeadStageChanged"], await Admin.HistoryAsync(ada));
    }

    [Fact]
    public async Task A_card_changed_since_the_board_was_shown_is_not_moved_and_the_board_says_why_with_409()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");
        await Admin.PostJsonAsync($"api/leads/{ada}/stage", new { stage = "Proposition" });

        using var stale = await Browser.PostHtmxAsync("admin/leads?handler=move", Move(ada, "Qualified", revision), "admin/leads");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var board = await stale.Content.ReadAsStringAsync();
        Assert.Contains("changed by someone else since the board was shown, so it was not moved", board);
        Assert.Equal(["Ada"], Cards(board, "Proposition"));
        Assert.Equal("Proposition", await StageOfAsync(ada));
    }

    [Fact]
    public async Task A_card_dropped_on_the_lost_stage_stays_where_it_was_because_losing_needs_a_reason()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");

        using var refused = await Browser.PostHtmxAsync("admin/leads?handler=move", Move(ada, "Lost", revision), "admin/leads");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var board = await refused.Content.ReadAsStringAsync();
        Assert.Contains("needs a reason", board);
        Assert.Contains("role=\"alert\"", board);
        Assert.Equal(["Ada"], Cards(board, "New"));
        Assert.Equal("New", await StageOfAsync(ada));
    }

    [Fact]
    public async Task A_card_lost_with_the_reason_its_dialog_asked_for_answers_the_board_with_it_in_the_lost_stage()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada", extra: Extra("100.00"));
        Assert.Contains("<dialog class=\"erp-dialog\" id=\"lead-lost-dialog\"", await Browser.GetPageAsync("admin/leads"));

        using var lost = await Browser.PostHtmxAsync("admin/leads?handler=lost", Lose(ada, "  Chose a rival  ", revision), "admin/leads");

        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        var board = await lost.Content.ReadAsStringAsync();
        Assert.Equal(["Ada"], Cards(board, "Lost"));
        Assert.Equal(("Lost", 1, "100.00 EUR"), Columns(board)[^1]);
        Assert.Contains("Ada moved to Lost.", board);
        var (lead, _) = await Admin.GetLeadAsync(ada);
        Assert.Equal("Lost", lead.Text("Stage"));
        Assert.Equal("Chose a rival", lead.Text("LostReason"));
    }

    [Fact]
    public async Task A_card_lost_without_a_reason_or_changed_meanwhile_stays_where_it_was_and_the_board_says_why()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");

        using var blank = await Browser.PostHtmxAsync("admin/leads?handler=lost", Lose(ada, " ", revision), "admin/leads");
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var board = await blank.Content.ReadAsStringAsync();
        Assert.Contains("A reason is required to mark a lead lost.", board);
        Assert.Equal(["Ada"], Cards(board, "New"));

        await Admin.PostJsonAsync($"api/leads/{ada}/stage", new { stage = "Qualified" });
        using var stale = await Browser.PostHtmxAsync("admin/leads?handler=lost", Lose(ada, "Too dear", revision), "admin/leads");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(["Ada"], Cards(await stale.Content.ReadAsStringAsync(), "Qualified"));
        Assert.Equal("Qualified", await StageOfAsync(ada));
    }

    [Fact]
    public async Task Without_javascript_moving_a_card_to_the_lost_stage_opens_the_lead_page_whose_form_asks_for_the_reason()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");

        using var moved = await Browser.PostFormAsync("admin/leads?handler=move", Move(ada, "Lost", revision), "admin/leads");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal($"/admin/leads/{ada}#lost", moved.Headers.Location!.ToString());
        Assert.Equal("New", await StageOfAsync(ada));
        Assert.Contains("<form method=\"post\" action=\"/admin/leads/" + ada + "?handler=lost\"", await Browser.GetPageAsync($"admin/leads/{ada}"));
    }

    [Fact]
    public async Task Without_javascript_the_move_form_moves_the_card_and_goes_back_to_the_filtered_board()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");

        using var moved = await Browser.PostFormAsync("admin/leads?q=ada&handler=move", Move(ada, "Qualified", revision), "admin/leads");

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal("/admin/leads?q=ada", moved.Headers.Location!.ToString());
        Assert.Equal("Qualified", await StageOfAsync(ada));
    }

    [Fact]
    public async Task A_move_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");
        await Browser.GetPageAsync("admin/leads");

        using var forged = await Browser.Client.PostAsync("admin/leads?handler=move", new FormUrlEncodedContent(Move(ada, "Qualified", revision)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("New", await StageOfAsync(ada));
    }

    [Fact]
    public async Task A_viewer_sees_the_board_and_list_without_move_forms_may_not_move_and_sees_only_the_menu_items_of_their_permissions()
    {
        var (ada, revision) = await Admin.NewLeadAsync("Ada");
        var viewer = await SignInWithAsync("viewer", "ViewLeads", "ViewContent");
        var stranger = await SignInWithAsync("stranger");

        var board = await viewer.GetPageAsync("admin/leads");
        Assert.Equal(["Ada"], Cards(board, "New"));
        Assert.DoesNotContain("erp-kanban-move", board);
        Assert.DoesNotContain("draggable=\"true\"", board);
        Assert.DoesNotContain("<dialog", board);
        Assert.DoesNotContain("New lead", board);
        Assert.Contains("<a href=\"/admin/leads\"", board);
        Assert.Contains("<a href=\"/admin/leads/list\"", board);
        Assert.DoesNotContain("href=\"/admin/leads/stages\"", board);
        using var move = await viewer.PostFormAsync("admin/leads?handler=move", Move(ada, "Qualified", revision), "admin/leads");
        Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        using var lose = await viewer.PostFormAsync("admin/leads?handler=lost", Lose(ada, "Too dear", revision), "admin/leads");
        Assert.Equal(HttpStatusCode.Forbidden, lose.StatusCode);
        Assert.Equal("New", await StageOfAsync(ada));
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.Client.StatusOfAsync("admin/leads/stages"));
        Assert.Equal(HttpStatusCode.Forbidden, await viewer.Client.StatusOfAsync("admin/leads/new"));
        Assert.Equal(HttpStatusCode.OK, await viewer.Client.StatusOfAsync($"admin/leads/{ada}"));

        Assert.Equal(HttpStatusCode.Forbidden, await stranger.Client.StatusOfAsync("admin/leads"));
        Assert.Equal(HttpStatusCode.Forbidden, await stranger.Client.StatusOfAsync("admin/leads/list"));
        Assert.DoesNotContain("href=\"/admin/leads", await stranger.GetPageAsync("admin"));

        var admin = await Browser.GetPageAsync("admin");
        Assert.Matches("<h2 class=\"erp-menu-group\">CRM</h2>\\s*<ul class=\"erp-menu\">.*Pipeline</a>.*Leads</a>.*Pipeline settings</a>", Regex.Replace(admin, "\\s+", " "));
    }

    [Fact]
    public async Task The_lead_pages_are_not_found_where_the_feature_is_off()
    {
        await Admin.DisableFeaturesAsync(LeadsClient.Feature);

        Assert.Equal(HttpStatusCode.NotFound, await Browser.Client.StatusOfAsync("admin/leads"));
        Assert.Equal(HttpStatusCode.NotFound, await Browser.Client.StatusOfAsync("admin/leads/stages"));
        Assert.DoesNotContain("href=\"/admin/leads", await Browser.GetPageAsync("admin"));
    }

    [Fact]
    public async Task What_leads_say_is_encoded_on_the_board_and_the_list()
    {
        await Admin.NewLeadAsync("<script>alert(1)</script>", company: "A&B \"Co\"");

        foreach (var page in new[] { "admin/leads", "admin/leads/list" })
        {
            var html = await Browser.GetPageAsync(page);
            Assert.DoesNotContain("<script>alert(1)", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }
    }

    [Fact]
    public async Task The_list_filters_by_stage_owner_status_and_text_sorts_by_the_index_columns_and_pages()
    {
        var me = await Admin.MyIdAsync();
        await Admin.NewLeadAsync("Ada", "Qualified", Extra("300.00", owner: me));
        await Admin.NewLeadAsync("Bob", extra: Extra("100.00"));
        var (cy, _) = await Admin.NewLeadAsync("Cy", extra: Extra("200.00"));
        await Admin.PostJsonAsync($"api/leads/{cy}/stage", new { stage = "Won" });

        var all = await Browser.GetPageAsync("admin/leads/list?sort=name");
        Assert.Equal(["Ada", "Bob", "Cy"], ListNames(all));
        Assert.Contains("3 leads · page 1 of 1", all);
        Assert.Contains("aria-sort=\"ascending\"><a href=\"/admin/leads/list?sort=-name\"", all);
        Assert.Equal(["Cy", "Bob", "Ada"], ListNames(await Browser.GetPageAsync("admin/leads/list?sort=-name")));
        Assert.Equal(["Bob", "Cy", "Ada"], ListNames(await Browser.GetPageAsync("admin/leads/list?sort=revenue")));
        Assert.Equal(["Ada"], ListNames(await Browser.GetPageAsync("admin/leads/list?stage=qualified")));
        Assert.Equal(["Ada"], ListNames(await Browser.GetPageAsync("admin/leads/list?owner=mine")));
        Assert.Equal(["Bob", "Cy"], ListNames(await Browser.GetPageAsync("admin/leads/list?owner=none&sort=name")));
        var won = await Browser.GetPageAsync("admin/leads/list?status=won");
        Assert.Equal(["Cy"], ListNames(won));
        Assert.Contains(">Won</span>", won);
        Assert.Equal(["Bob"], ListNames(await Browser.GetPageAsync("admin/leads/list?q=BO")));
        Assert.Contains("No leads match the filters.", await Browser.GetPageAsync("admin/leads/list?q=nobody"));

        var second = await Browser.GetPageAsync("admin/leads/list?sort=name&pageSize=2&page=2");
        Assert.Equal(["Cy"], ListNames(second));
        Assert.Contains("3 leads · page 2 of 2", second);
        Assert.Contains("href=\"/admin/leads/list?sort=name&amp;pageSize=2\"", second);
        Assert.Contains($"href=\"/admin/leads/{cy}\"", second);
    }

    [Fact]
    public async Task A_bad_list_filter_is_a_message_on_the_page_that_keeps_the_search()
    {
        using var bad = await Browser.Client.GetAsync("admin/leads/list?status=maybe&sort=shoe&page=0&q=kept");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("status is open, won or lost.", html);
        Assert.Contains("sort is one of", html);
        Assert.Contains("page must be a whole number from 1 to", html);
        Assert.Contains("value=\"kept\"", html);
    }
}

public sealed class SqliteLeadBoardPagesHttpTests() : LeadBoardPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLeadBoardPagesHttpTests() : LeadBoardPagesHttpTests(DatabaseProvider.Postgres);
