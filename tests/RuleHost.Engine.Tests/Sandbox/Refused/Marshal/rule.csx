var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(10);
