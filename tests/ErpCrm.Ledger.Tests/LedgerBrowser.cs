using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Ledger.Tests;

/// <summary>The ledger's pages in Chromium as a user works them.</summary>
internal static class LedgerBrowser
{
    /// <summary>Types <paramref name="text"/> into the picker named <paramref name="name"/>, sees <paramref name="choice"/> listed first and picks it with Enter.</summary>
    public static async Task PickAsync(IPage page, string name, string text, string choice)
    {
        var picker = page.GetByRole(AriaRole.Combobox, new() { Name = name, Exact = true });
        await picker.PressSequentiallyAsync(text);
        await Expect(page.GetByRole(AriaRole.Listbox, new() { Name = name, Exact = true }).GetByRole(AriaRole.Option).First).ToContainTextAsync(choice);
        await picker.PressAsync("Enter");
        await Expect(picker).ToHaveValueAsync(choice);
    }
}
