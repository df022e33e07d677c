Console.WriteLine("CityGenerator: not written yet");
