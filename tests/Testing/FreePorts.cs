using System.Net;
using System.Net.Sockets;

namespace TokenOptimizer.Testing;

/// <summary>Ports for servers a test stops and starts again at the same address.</summary>
public static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct ports nobody listens on now, chosen by the kernel; every listener stays
    /// open until all are chosen, so the kernel cannot hand out one twice.
    /// </summary>
    public static int[] Take(int count = 1)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
