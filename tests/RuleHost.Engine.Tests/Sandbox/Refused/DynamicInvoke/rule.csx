Func<int> f = () => 1;
var r = f.DynamicInvoke();
