using F = System.IO.File;
F.ReadAllText("/etc/passwd");
