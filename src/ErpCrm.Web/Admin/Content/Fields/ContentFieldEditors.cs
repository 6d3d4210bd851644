using ErpCrm.Content;
using ErpCrm.Web.Admin.Content.Fields;

namespace ErpCrm.Web.Admin.Content;

/// <summary>
/// The field editors the host knows: the kernel's field types' editors, registered as every module registers its own
/// (<see cref="IContentFieldEditor"/>), and the lookup by field type that the admin's pages share.
/// </summary>
public static class ContentFieldEditors
{
    /// <summary>The editors of the kernel's field types.</summary>
    public static readonly IReadOnlyList<IContentFieldEditor> Kernel =
    [
        new TextFieldEditor(), new TextAreaFieldEditor("HtmlField", "Html"), new TextAreaFieldEditor("MarkdownField", "Markdown"),
        new InputFieldEditor("EmailField", ContentWidget.Email, "Email"), new InputFieldEditor("PhoneField", ContentWidget.Phone, "Phone"),
        new NumericFieldEditor(), new MoneyFieldEditor(), new BooleanFieldEditor(),
        new DateFieldEditor("DateField", ContentWidget.Date), new DateFieldEditor("DateTimeField", ContentWidget.DateTime),
        new EnumerationFieldEditor(), new ContentPickerFieldEditor(), new UserPickerFieldEditor(), new LinkFieldEditor(),
    ];

    /// <summary>Registers the kernel's field editors, each as an <see cref="IContentFieldEditor"/>.</summary>
    public static IServiceCollection AddKernelFieldEditors(this IServiceCollection services)
    {
        foreach (var editor in Kernel)
        {
            services.AddSingleton(editor);
        }
        return services;
    }

    /// <summary>The editors by the field type they serve; where two serve one type, the last registered wins (a module overrides the kernel).</summary>
    public static IReadOnlyDictionary<string, IContentFieldEditor> ByFieldType(IEnumerable<IContentFieldEditor> editors)
    {
        var byType = new Dictionary<string, IContentFieldEditor>(StringComparer.Ordinal);
        foreach (var editor in editors)
        {
            byType[editor.FieldType] = editor;
        }
        return byType;
    }

    /// <summary>The editor of a field type, or null.</summary>
    public static IContentFieldEditor? Find(IEnumerable<IContentFieldEditor> editors, string fieldType) =>
        editors.LastOrDefault(e => string.Equals(e.FieldType, fieldType, StringComparison.Ordinal));
}
