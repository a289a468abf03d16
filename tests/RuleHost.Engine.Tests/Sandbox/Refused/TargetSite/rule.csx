try { throw new Exception(); } catch (Exception e) { var m = e.TargetSite; }
