unsafe { int* p = null; }
