namespace Dashboard.Core.Tests;
public class SmokeTests { }
