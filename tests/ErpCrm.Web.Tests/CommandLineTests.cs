using ErpCrm.Web.Cli;

namespace ErpCrm.Web.Tests;

/// <summary>The command-line grammar: what is accepted, and the one-line message for what is not.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void No_verb_means_serve()
    {
        Assert.Equal("serve", Parsed().Verb.Name);
        Assert.Equal("/srv/erp", Parsed("--data", "/srv/erp").Option("--data"));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_understood_in_its_usual_spellings(string word) => Assert.Equal("help", Parsed(word).Verb.Name);

    [Fact]
    public void An_unknown_verb_is_named_with_the_verbs_there_are()
    {
        Assert.Equal("unknown command 'frobnicate': expected serve, setup, features, tenants, tokens or help.", Error("frobnicate"));
    }

    [Fact]
    public void An_unknown_sub_verb_is_named_with_the_sub_verbs_of_its_group()
    {
        Assert.Equal("unknown command 'features toggle': expected one of: list, enable, disable.", Error("features", "toggle"));
        Assert.Equal("unknown command 'tenants delete': expected one of: list, create.", Error("tenants", "delete"));
    }

    [Fact]
    public void A_group_without_a_sub_verb_lists_its_sub_verbs()
    {
        Assert.Equal("'features' needs one of: list, enable, disable.", Error("features"));
        Assert.Equal("'tokens' needs one of: create.", Error("tokens", "--user", "admin"));
    }

    [Fact]
    public void An_unknown_option_is_named_with_the_options_the_verb_expects()
    {
        Assert.Equal("'features list' does not know the option '--colour' (expected: --tenant, --data, --json).", Error("features", "list", "--colour"));
    }

    [Fact]
    public void A_single_dash_option_is_unknown_too()
    {
        Assert.Equal("'tokens create' does not know the option '-u' (expected: --user, --name, --tenant, --data).", Error("tokens", "create", "-u", "admin"));
    }

    [Fact]
    public void An_option_of_another_verb_is_unknown()
    {
        Assert.StartsWith("'tenants list' does not know the option '--tenant' (expected: --data)", Error("tenants", "list", "--tenant", "acme"));
    }

    [Fact]
    public void An_option_without_its_value_is_refused_naming_it()
    {
        Assert.Equal("the option '--recipe' needs a value.", Error("setup", "--recipe"));
        Assert.Equal("the option '--recipe' needs a value.", Error("setup", "--recipe", "--tenant", "acme"));
        Assert.Equal("the option '--recipe' needs a value.", Error("setup", "--recipe="));
        Assert.Equal("the option '--recipe' needs a value.", Error("setup", "--recipe", " "));
    }

    [Fact]
    public void An_option_given_twice_is_refused_naming_it()
    {
        Assert.Equal("the option '--recipe' is given twice.", Error("setup", "--recipe", "blank", "--recipe=crm"));
    }

    [Fact]
    public void Enabling_or_disabling_needs_a_feature_id()
    {
        Assert.Equal("'features enable' needs at least one feature id. Usage: features enable ID... [--tenant T] [--data DIR]", Error("features", "enable"));
        Assert.StartsWith("'features disable' needs at least one feature id.", Error("features", "disable", "--force"));
    }

    [Fact]
    public void A_verb_without_arguments_refuses_one_naming_it()
    {
        Assert.StartsWith("'features list' takes no argument 'Test.Alpha'.", Error("features", "list", "Test.Alpha"));
    }

    [Fact]
    public void Options_are_read_in_both_the_spaced_and_the_equals_form()
    {
        var command = Parsed("setup", "--recipe=blank", "--tenant", "acme", "--connection-string=Host=db;Password=a=b");

        Assert.Equal("setup", command.Verb.Name);
        Assert.Equal("blank", command.Option("--recipe"));
        Assert.Equal("acme", command.Option("--tenant"));
        Assert.Equal("Host=db;Password=a=b", command.Option("--connection-string"));
        Assert.Null(command.Option("--database"));
    }

    [Fact]
    public void The_equals_form_lets_a_value_start_with_dashes()
    {
        Assert.Equal("--Secret-1", Parsed("setup", "--recipe", "blank", "--admin-password=--Secret-1").Option("--admin-password"));
    }

    [Fact]
    public void Feature_ids_and_options_may_come_in_any_order()
    {
        var command = Parsed("features", "enable", "Test.Alpha", "--tenant", "acme", "Test.Delta");

        Assert.Equal("features enable", command.Verb.Name);
        Assert.Equal(["Test.Alpha", "Test.Delta"], command.Arguments);
        Assert.Equal("acme", command.Option("--tenant"));
    }

    [Fact]
    public void A_flag_is_set_when_given_and_unset_otherwise()
    {
        Assert.True(Parsed("features", "disable", "Test.Alpha", "--force").Flag("--force"));
        Assert.False(Parsed("features", "disable", "Test.Alpha").Flag("--force"));
        Assert.True(Parsed("features", "list", "--json").Flag("--json"));
    }

    [Fact]
    public void A_flag_takes_no_value()
    {
        Assert.Equal("'--force' is a switch and takes no value.", Error("features", "disable", "Test.Alpha", "--force=yes"));
    }

    private static ParsedCommand Parsed(params string[] args)
    {
        var (command, error) = CommandLine.Parse(args);
        Assert.Null(error);
        return command!;
    }

    private static string Error(params string[] args)
    {
        var (command, error) = CommandLine.Parse(args);
        Assert.Null(command);
        return error!;
    }
}
