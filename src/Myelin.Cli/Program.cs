Console.WriteLine("myelin");
