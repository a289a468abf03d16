var a = typeof(string).Assembly;
