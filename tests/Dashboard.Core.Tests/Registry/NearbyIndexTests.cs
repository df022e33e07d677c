using Dashboard.Core.Geo;
using Dashboard.Core.Registry;
using Dashboard.TestSupport;

namespace Dashboard.Core.Tests.Registry;

public class NearbyIndexTests
{
    private static readonly DeviceRegistry Devices = TestCity.Chancheng.Devices;

    [Theory]
    [InlineData(50)]
    [InlineData(300)]
    [InlineData(1500)]
    public void Nearby_sensors_equal_a_sorted_scan_of_all_sensors(double radius)
    {
        var rng = new Random(7);
        for (var q = 0; q < 300; q++)
        {
            var centre = new GeoPoint(113.02 + (rng.NextDouble() * 0.15), 22.95 + (rng.NextDouble() * 0.14));

            var actual = Devices.NearbySensors.Within(centre, radius);

            var expected = Devices.Sensors
                .Select((s, i) => (s, i, d: GeoMath.DistanceMetres(centre, s.Location)))
                .Where(t => t.d <= radius)
                .OrderBy(t => t.d).ThenBy(t => t.i)
                .Select(t => (t.s.Id, t.d))
                .ToList();
            Assert.Equal(expected, actual.Select(n => (n.Item.Id, n.DistanceMetres)).ToList());
        }
    }

    [Fact]
    public void Nearest_camera_equals_the_minimum_over_all_cameras()
    {
        var rng = new Random(11);
        for (var q = 0; q < 200; q++)
        {
            var centre = new GeoPoint(113.04 + (rng.NextDouble() * 0.11), 22.97 + (rng.NextDouble() * 0.1));

            var nearest = Devices.NearbyCameras.Nearest(centre, 2_000);

            var expected = Devices.Cameras.MinBy(c => GeoMath.DistanceMetres(centre, c.Location))!;
            Assert.Equal(expected.Id, nearest?.Item.Id);
        }
    }

    [Fact]
    public void Results_are_capped_and_nearest_first()
    {
        var post = Devices.GuardPosts[0];

        var hits = Devices.NearbyGuardPosts.Within(post.Location, 5_000, maxResults: 3);

        Assert.Equal(post.Id, hits[0].Item.Id);
        Assert.Equal(0, hits[0].DistanceMetres);
        Assert.True(hits.Count <= 3);
        Assert.Equal(hits.OrderBy(h => h.DistanceMetres).Select(h => h.Item.Id), hits.Select(h => h.Item.Id));
    }

    [Fact]
    public void Nothing_is_found_far_from_the_city()
    {
        Assert.Empty(Devices.NearbyCameras.Within(new GeoPoint(116.4, 39.9), 10_000));
        Assert.Null(Devices.NearbyGuardPosts.Nearest(new GeoPoint(116.4, 39.9), 10_000));
    }

    [Fact]
    public void Negative_radius_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Devices.NearbyCameras.Within(new GeoPoint(113.1, 23.0), -1));
    }
}
