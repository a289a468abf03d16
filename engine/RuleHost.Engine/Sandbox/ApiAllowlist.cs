using Microsoft.CodeAnalysis;

namespace RuleHost.Engine.Sandbox;

/// <summary>ApiAllowlist says which framework types and members rule code may touch; everything else is refused.</summary>
/// <remarks>
/// Types are named by their metadata name (<c>System.Collections.Generic.List`1</c>). A namespace entry allows
/// every type in it except those denied. Members are denied individually on otherwise allowed types where a
/// single member opens a door (reflection through GetType, regex without the host's timeout, the thread culture).
/// </remarks>
internal sealed class ApiAllowlist
{
    public static readonly IReadOnlyList<string> DefaultNamespaces =
    [
        "System.Collections.Generic", "System.Collections", "System.Linq", "System.Text.RegularExpressions", "RuleHost", "RuleHost.Rules",
    ];

    public static readonly IReadOnlyList<string> DefaultTypes =
    [
        "System.Object", "System.String", "System.Boolean", "System.Char", "System.SByte", "System.Byte", "System.Int16", "System.UInt16",
        "System.Int32", "System.UInt32", "System.Int64", "System.UInt64", "System.Int128", "System.UInt128", "System.Half", "System.Single",
        "System.Double", "System.Decimal", "System.Void", "System.ValueType", "System.Enum", "System.Array", "System.Nullable`1",
        "System.Math", "System.MathF", "System.MidpointRounding", "System.Convert", "System.BitConverter", "System.HashCode", "System.Random",
        "System.TimeSpan", "System.DateTime", "System.DateTimeKind", "System.DateTimeOffset", "System.DayOfWeek", "System.DateOnly", "System.TimeOnly",
        "System.Guid", "System.Index", "System.Range", "System.Span`1", "System.ReadOnlySpan`1", "System.StringComparison", "System.StringComparer",
        "System.StringSplitOptions", "System.IEquatable`1", "System.IComparable", "System.IComparable`1", "System.IFormattable",
        "System.IFormatProvider", "System.IDisposable", "System.FormattableString", "System.Lazy`1", "System.Delegate", "System.MulticastDelegate",
        "System.Predicate`1", "System.Comparison`1", "System.Converter`2", "System.Action",
        "System.Exception", "System.ArgumentException", "System.ArgumentNullException", "System.ArgumentOutOfRangeException",
        "System.InvalidOperationException", "System.NotSupportedException", "System.NotImplementedException", "System.FormatException",
        "System.OverflowException", "System.DivideByZeroException", "System.NullReferenceException", "System.IndexOutOfRangeException",
        "System.Text.StringBuilder", "System.Text.Rune", "System.Globalization.CultureInfo", "System.Globalization.NumberStyles",
        "System.Globalization.DateTimeStyles", "System.Globalization.CompareOptions",
        "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler", "System.Runtime.CompilerServices.IsExternalInit",
        .. Enumerable.Range(1, 16).Select(n => $"System.Func`{n + 1}"),
        "System.Func`1",
        .. Enumerable.Range(1, 16).Select(n => $"System.Action`{n}"),
        .. Enumerable.Range(1, 8).Select(n => $"System.ValueTuple`{n}"),
        .. Enumerable.Range(1, 8).Select(n => $"System.Tuple`{n}"),
        "System.ValueTuple",
    ];

    public static readonly IReadOnlyList<string> DefaultDeniedTypes =
    [
        "System.Linq.Queryable", "System.Linq.IQueryable", "System.Linq.IQueryable`1", "System.Linq.IOrderedQueryable`1",
        "System.Linq.EnumerableQuery`1", "System.Linq.ParallelEnumerable", "System.Linq.ParallelQuery`1", "System.Linq.IQueryProvider",
    ];

    public static readonly IReadOnlyList<string> DefaultDeniedMembers =
    [
        "System.Object.GetType", "System.Exception.TargetSite", "System.Delegate.Method", "System.Delegate.Target",
        "System.Delegate.DynamicInvoke", "System.Delegate.CreateDelegate", "System.MulticastDelegate.GetInvocationList",
        "System.Text.RegularExpressions.Regex.CacheSize", "System.Text.RegularExpressions.Regex.InfiniteMatchTimeout",
        "System.Globalization.CultureInfo.CurrentCulture", "System.Globalization.CultureInfo.CurrentUICulture",
        "System.Globalization.CultureInfo.DefaultThreadCurrentCulture", "System.Globalization.CultureInfo.DefaultThreadCurrentUICulture",
        "System.AppDomain.CurrentDomain",
    ];

    private readonly HashSet<string> _namespaces;
    private readonly HashSet<string> _types;
    private readonly HashSet<string> _deniedTypes;
    private readonly HashSet<string> _deniedMembers;

    public ApiAllowlist(IEnumerable<string>? extraTypes = null, IEnumerable<string>? extraNamespaces = null)
    {
        _namespaces = [.. DefaultNamespaces, .. extraNamespaces ?? []];
        _types = [.. DefaultTypes, .. extraTypes ?? []];
        _deniedTypes = [.. DefaultDeniedTypes];
        _deniedMembers = [.. DefaultDeniedMembers];
    }

    public static ApiAllowlist Default { get; } = new();

    /// <summary>AllowsType checks a framework type by its original definition; the caller checks type arguments.</summary>
    public bool AllowsType(INamedTypeSymbol type)
    {
        var outermost = type;
        while (outermost.ContainingType is { } container)
            outermost = container;
        var name = MetadataName(outermost.OriginalDefinition);
        if (_deniedTypes.Contains(name))
            return false;
        return _types.Contains(name) || _namespaces.Contains(outermost.ContainingNamespace.ToDisplayString());
    }

    public bool DeniesMember(ISymbol member) =>
        member.ContainingType is { } type && _deniedMembers.Contains($"{MetadataName(type.OriginalDefinition)}.{member.Name}");

    public static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"{ns.ToDisplayString()}.{type.MetadataName}" : type.MetadataName;
}
