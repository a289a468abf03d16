static string Slurp(this string path) => System.IO.File.ReadAllText(path);
