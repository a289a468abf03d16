System.Diagnostics.Process.Start("sh", "-c id");
