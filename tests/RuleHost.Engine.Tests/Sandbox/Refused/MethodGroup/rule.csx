Func<string, string> read = System.IO.File.ReadAllText;
