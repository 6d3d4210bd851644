using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// One transaction per request: Test.Alpha's note raises NoteAdded, which Test.Beta handles inside the same
/// transaction, so the note and Beta's log row commit together or not at all.
/// </summary>
public abstract class UnitOfWorkHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task A_note_added_while_Beta_is_on_is_handled_by_Beta_in_the_same_request()
    {
        await Admin.EnableFeaturesAsync("Test.Beta");

        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("first")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("second")).StatusCode);

        Assert.Equal(2, await Admin.CountLogRowsAsync(TestModulesClient.BetaEventSource));
    }

    [Fact]
    public async Task A_note_added_while_Beta_is_off_reaches_no_Beta_handler()
    {
        await Admin.EnableFeaturesAsync("Test.Beta");
        await Admin.DisableFeaturesAsync("Test.Beta");

        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("unheard")).StatusCode);

        Assert.Equal(["unheard"], await Admin.GetNotesAsync());
        Assert.Equal(0, await Admin.CountLogRowsAsync(TestModulesClient.BetaEventSource));
    }

    [Fact]
    public async Task A_write_that_fails_after_its_events_leaves_neither_the_note_nor_the_handlers_rows()
    {
        await Admin.EnableFeaturesAsync("Test.Beta");
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("kept")).StatusCode);

        var response = await Admin.PostNoteAsync(TestModulesClient.FailingNote);

        // The module threw on purpose: a server error, not the user's, and nothing of it may remain.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(["kept"], await Admin.GetNotesAsync());
        Assert.Equal(1, await Admin.CountLogRowsAsync(TestModulesClient.BetaEventSource));
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("after")).StatusCode);
        Assert.Equal(["kept", "after"], await Admin.GetNotesAsync());
    }
}

public sealed class SqliteUnitOfWorkHttpTests() : UnitOfWorkHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresUnitOfWorkHttpTests() : UnitOfWorkHttpTests(DatabaseProvider.Postgres);
