var ok = global::System.IO.File.Exists("/etc/passwd");
