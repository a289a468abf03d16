// Helpers shared by rule files through #load. Files whose name starts with '_' are not rule files
// of their own: they load only where another file says #load, and editing one reloads those files.

static bool IsServerError(Event e) => e.Tags["status"].StartsWith("5");

static string Percent(double? value) => value is { } v ? $"{v:F0}%" : "?";
