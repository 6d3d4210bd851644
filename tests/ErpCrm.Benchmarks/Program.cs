Console.WriteLine("ErpCrm benchmarks: not written yet.");
