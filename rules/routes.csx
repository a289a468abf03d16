// Where alerts go when their rule has no NotifyTo: the first route that accepts an alert wins.
Route(a => a.Severity >= Severity.Critical, "oncall-pagerduty", "ops-slack");
Route(a => true, "ops-slack");
