using static System.IO.File;
var s = ReadAllText("/etc/passwd");
