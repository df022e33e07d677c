namespace Dashboard.Ingest.Tests;
public class SmokeTests { }
