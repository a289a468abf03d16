var home = Environment.GetEnvironmentVariable("HOME");
