namespace ErpCrm.Money;

/// <summary>
/// Shows exact amounts the way the kernel's MoneyField does, for modules that add amounts up themselves (a kanban column's
/// expected revenue, a report's total). Amounts are whole numbers of the currency's minor unit; nothing is rounded.
/// </summary>
public interface IMoneyFormat
{
    /// <summary>
    /// The amount with exactly the currency's decimals, ',' between thousands and the code after it: <c>12,500.00 EUR</c>,
    /// <c>1,500 JPY</c>. A currency the host does not know shows its minor units as they are, followed by the code.
    /// </summary>
    string Format(long minorUnits, string currency);
}
