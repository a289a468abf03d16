var info = new System.IO.FileInfo("/etc/passwd");
