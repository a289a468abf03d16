var s = System.IO.File.ReadAllText("/etc/passwd");
