class Spy { public string Read() => System.IO.File.ReadAllText("/etc/passwd"); }
