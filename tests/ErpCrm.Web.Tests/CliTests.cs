using System.Text.Json;
using System.Text.RegularExpressions;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The command line, run in process on a fresh data folder per test. Grouped by verb; the groups run in parallel
/// because every command builds a whole host.
/// </summary>
public static class CliTests
{
    public sealed class Setup : IDisposable
    {
        private readonly CliSession _cli = new();

        public void Dispose() => _cli.Dispose();

        [Fact]
        public async Task Setting_up_prints_its_progress_and_the_generated_administrator_password()
        {
            var run = await _cli.SucceedAsync("setup", "--recipe", "blank");

            Assert.Contains("Creating the database of tenant 'Default' (Sqlite)", run.StdoutLines);
            Assert.Contains("Running recipe 'blank'", run.StdoutLines);
            Assert.Contains("Tenant 'Default' is set up", run.StdoutLines);
            var password = Regex.Match(run.StdoutLines[^1], "^Administrator 'admin' has the generated password: (\\S+)$");
            Assert.True(password.Success, run.ToString());
            Assert.Null(PasswordPolicy.Check(password.Groups[1].Value));
            Assert.Equal("", run.Stderr);
        }

        [Fact]
        public async Task Setting_up_with_a_chosen_password_prints_no_password()
        {
            var run = await _cli.SetUpAsync();

            Assert.Equal("Tenant 'Default' is set up", run.StdoutLines[^1]);
            Assert.DoesNotContain("password", run.Stdout, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task Setting_up_a_tenant_twice_is_refused_the_second_time()
        {
            await _cli.SetUpAsync();

            await _cli.RefusedAsync(["setup", "--recipe", "blank", "--admin-password", "Correct-horse-1"], "already set up");
        }

        [Fact]
        public async Task Setting_up_needs_a_recipe()
        {
            await _cli.RefusedAsync(["setup"], "--recipe");
        }

        [Fact]
        public async Task Setting_up_with_an_unknown_recipe_is_refused_naming_it_and_the_known_ones()
        {
            await _cli.RefusedAsync(["setup", "--recipe", "nope"], "--recipe", "'nope'", "blank");
        }

        [Fact]
        public async Task Setting_up_on_an_unsupported_database_is_refused_naming_the_supported_ones()
        {
            await _cli.RefusedAsync(["setup", "--recipe", "blank", "--database", "mysql"], "'mysql'", "sqlite", "postgres");
        }

        [Fact]
        public async Task A_data_folder_that_is_a_file_is_refused()
        {
            var file = Path.Combine(_cli.DataDirectory, "not-a-folder.txt");
            await File.WriteAllTextAsync(file, "");

            await _cli.RefusedAsync(["setup", "--recipe", "blank", "--data", file], file, "is a file");
        }

        [Fact]
        public async Task A_weak_administrator_password_is_refused_and_setup_can_then_be_run_again()
        {
            await _cli.RefusedAsync(["setup", "--recipe", "blank", "--admin-password", "short"], "--admin-password", "at least 8 characters");

            await _cli.SetUpAsync();
        }
    }

    public sealed class Features : IDisposable
    {
        private readonly CliSession _cli = new();

        public void Dispose() => _cli.Dispose();

        [Fact]
        public async Task Listing_prints_one_line_per_feature_with_its_state_and_name()
        {
            await _cli.SetUpAsync();

            var run = await _cli.SucceedAsync("features", "list");

            var catalog = ModuleDiscovery.BuildCatalog(AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "plugins"));
            var lines = run.StdoutLines.Select(l => Regex.Match(l, "^(\\S+) *  (enabled |disabled)  (.+)$")).ToList();
            Assert.All(lines, line => Assert.True(line.Success, run.ToString()));
            var byId = lines.ToDictionary(l => l.Groups[1].Value, l => (State: l.Groups[2].Value.Trim(), Name: l.Groups[3].Value));
            Assert.Equal(catalog.FeaturesInDependencyOrder.Select(f => f.Id).Order(StringComparer.Ordinal), byId.Keys);
            Assert.Equal(("enabled", "Kernel"), byId["ErpCrm.Kernel"]);
            Assert.Equal(("enabled", "Always"), byId["Test.Always"]);
            Assert.Equal(("disabled", "Alpha"), byId["Test.Alpha"]);
        }

        [Fact]
        public async Task Listing_as_json_prints_every_feature_with_its_state()
        {
            await _cli.SetUpAsync();

            var run = await _cli.SucceedAsync("features", "list", "--json");

            using var json = JsonDocument.Parse(run.Stdout);
            var features = json.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
            Assert.True(features["ErpCrm.Kernel"].GetProperty("enabled").GetBoolean());
            Assert.True(features["ErpCrm.Kernel"].GetProperty("isAlwaysEnabled").GetBoolean());
            Assert.False(features["Test.Beta"].GetProperty("enabled").GetBoolean());
            Assert.Equal(["Test.Alpha"], features["Test.Beta"].GetProperty("dependencies").EnumerateArray().Select(d => d.GetString()));
        }

        [Fact]
        public async Task Enabling_a_feature_enables_its_dependencies_and_says_so()
        {
            await _cli.SetUpAsync();

            var run = await _cli.SucceedAsync("features", "enable", "Test.Gamma");

            Assert.Equal(
            [
                "enabled   Test.Alpha  (needed by the features enabled)",
                "enabled   Test.Beta  (needed by the features enabled)",
                "enabled   Test.Gamma",
            ], run.StdoutLines);
            var list = await _cli.SucceedAsync("features", "list");
            Assert.Contains(list.StdoutLines, l => l.StartsWith("Test.Beta ", StringComparison.Ordinal) && l.Contains("  enabled   "));
        }

        [Fact]
        public async Task Enabling_an_enabled_feature_says_nothing_changed()
        {
            await _cli.SetUpAsync();
            await _cli.SucceedAsync("features", "enable", "Test.Delta");

            var run = await _cli.SucceedAsync("features", "enable", "Test.Delta");

            Assert.Equal(["Nothing changed: Test.Delta is already enabled."], run.StdoutLines);
        }

        [Fact]
        public async Task Disabling_a_feature_with_enabled_dependents_needs_force_and_names_them()
        {
            await _cli.SetUpAsync();
            await _cli.SucceedAsync("features", "enable", "Test.Gamma");

            var message = await _cli.RefusedAsync(["features", "disable", "Test.Alpha"], "Test.Gamma", "Test.Beta", "--force");

            Assert.Equal("disabling Test.Alpha would also disable Test.Gamma, Test.Beta; add --force to do so.", message);
            var forced = await _cli.SucceedAsync("features", "disable", "Test.Alpha", "--force");
            Assert.Equal(
            [
                "disabled  Test.Gamma  (depended on a feature disabled)",
                "disabled  Test.Beta  (depended on a feature disabled)",
                "disabled  Test.Alpha",
            ], forced.StdoutLines);
        }

        [Fact]
        public async Task Disabling_the_kernel_is_refused()
        {
            await _cli.SetUpAsync();

            await _cli.RefusedAsync(["features", "disable", "ErpCrm.Kernel"], "'ErpCrm.Kernel'", "always enabled");
        }

        [Fact]
        public async Task An_unknown_feature_is_refused_naming_it()
        {
            await _cli.SetUpAsync();

            await _cli.RefusedAsync(["features", "enable", "Test.Nope"], "'Test.Nope'");
            await _cli.RefusedAsync(["features", "disable", "Test.Nope"], "'Test.Nope'");
        }

        [Fact]
        public async Task Feature_commands_on_a_tenant_not_set_up_are_refused_with_the_setup_command_to_run()
        {
            await _cli.RefusedAsync(["features", "list"], "not set up", "setup --tenant Default --recipe blank");
            await _cli.RefusedAsync(["features", "enable", "Test.Alpha"], "not set up");
        }
    }

    public sealed class Tenants : IDisposable
    {
        private readonly CliSession _cli = new();

        public void Dispose() => _cli.Dispose();

        [Fact]
        public async Task A_created_tenant_is_listed_with_its_prefix_and_not_set_up()
        {
            var created = await _cli.SucceedAsync("tenants", "create", "--name", "acme", "--prefix", "acme");
            Assert.Equal(["Created tenant 'acme' (Sqlite). Set it up with: setup --tenant acme --recipe blank"], created.StdoutLines);

            var list = await _cli.SucceedAsync("tenants", "list");

            var acme = Assert.Single(list.StdoutLines, l => l.StartsWith("acme ", StringComparison.Ordinal));
            Assert.Equal(["acme", "Uninitialized", "Sqlite", "/acme"], acme.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Single(list.StdoutLines, l => l.StartsWith("Default ", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_new_tenant_is_refused_by_feature_commands_until_set_up_and_keeps_default_tenant_only_features_out()
        {
            await _cli.SucceedAsync("tenants", "create", "--name", "acme", "--prefix", "acme");
            await _cli.RefusedAsync(["features", "list", "--tenant", "acme"], "'acme'", "setup --tenant acme --recipe blank");

            await _cli.SucceedAsync("setup", "--tenant", "acme", "--recipe", "blank", "--admin-password", "Correct-horse-1");

            await _cli.SucceedAsync("features", "list", "--tenant", "acme");
            await _cli.RefusedAsync(["features", "enable", "Test.HostOnly", "--tenant", "acme"], "'Test.HostOnly'", "Default tenant");
        }

        [Fact]
        public async Task A_command_on_an_unknown_tenant_is_refused_listing_the_known_ones()
        {
            await _cli.RefusedAsync(["features", "list", "--tenant", "ghost"], "'ghost'", "Default");
        }

        [Fact]
        public async Task A_tenant_name_that_does_not_start_with_a_letter_is_refused()
        {
            await _cli.RefusedAsync(["tenants", "create", "--name", "1acme", "--prefix", "acme"], "--name", "starts with a letter");
        }

        [Fact]
        public async Task A_prefix_the_host_uses_itself_is_refused()
        {
            await _cli.RefusedAsync(["tenants", "create", "--name", "acme", "--prefix", "api"], "--prefix", "'api'");
        }

        [Fact]
        public async Task Giving_both_a_prefix_and_a_host_is_refused()
        {
            await _cli.RefusedAsync(["tenants", "create", "--name", "acme", "--prefix", "acme", "--host", "acme.example.com"], "--prefix", "--host");
        }

        [Fact]
        public async Task Creating_a_tenant_needs_a_name()
        {
            await _cli.RefusedAsync(["tenants", "create", "--prefix", "acme"], "--name");
        }

        [Fact]
        public async Task Every_problem_of_a_tenant_is_reported_on_one_line()
        {
            var message = await _cli.RefusedAsync(["tenants", "create", "--name", "1acme", "--prefix", "api"], "--name", "--prefix");

            Assert.Contains("; ", message);
        }
    }

    public sealed class Tokens : IDisposable
    {
        private readonly CliSession _cli = new();

        public void Dispose() => _cli.Dispose();

        [Fact]
        public async Task Creating_a_token_prints_the_token_alone_so_that_scripts_can_capture_it()
        {
            await _cli.SetUpAsync();

            var run = await _cli.SucceedAsync("tokens", "create", "--user", "admin");

            var token = Assert.Single(run.StdoutLines);
            Assert.StartsWith("erp_", token);
            Assert.Equal(token + Environment.NewLine, run.Stdout);
            Assert.DoesNotContain(' ', token);
        }

        [Fact]
        public async Task A_token_for_an_unknown_user_is_refused_naming_the_user()
        {
            await _cli.SetUpAsync();

            await _cli.RefusedAsync(["tokens", "create", "--user", "ghost"], "'ghost'");
        }

        [Fact]
        public async Task A_token_on_a_tenant_not_set_up_is_refused_with_the_setup_command_to_run()
        {
            await _cli.RefusedAsync(["tokens", "create", "--user", "admin"], "not set up", "setup --tenant Default --recipe blank");
        }

        [Fact]
        public async Task A_token_needs_a_user()
        {
            await _cli.RefusedAsync(["tokens", "create"], "--user");
        }

        [Fact]
        public async Task A_token_name_longer_than_100_characters_is_refused_naming_the_option()
        {
            await _cli.SetUpAsync();

            await _cli.RefusedAsync(["tokens", "create", "--user", "admin", "--name", new string('n', 101)], "--name", "100");
        }
    }
}
