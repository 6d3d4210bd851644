using System.Diagnostics;

namespace ErpCrm.Testing;

/// <summary>
/// The temporary folders of the test hosts of this process, under <c>erpcrm-tests/&lt;process id&gt;/</c> in the temp folder. A host
/// deletes its folder when disposed, but hosts still running when the test process ends (shared hosts, stopped in the last seconds
/// of the process) may leave theirs: the first folder a process asks for sweeps those of test processes that are no longer running.
/// </summary>
public static class TestFolders
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "erpcrm-tests");
    private static readonly Lazy<string> Mine = new(() =>
    {
        SweepEndedProcesses();
        return Directory.CreateDirectory(Path.Combine(Root, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
    });

    /// <summary>A new empty folder of this process, its name starting with <paramref name="prefix"/>.</summary>
    public static string Create(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Mine.Value, prefix + Path.GetFileNameWithoutExtension(Path.GetRandomFileName()))).FullName;

    private static void SweepEndedProcesses()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (int.TryParse(Path.GetFileName(folder), out var id) && id != Environment.ProcessId && !IsRunning(id))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another process sweeping the same folder at the same moment; what is left goes next time.
                }
            }
        }
    }

    private static bool IsRunning(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
