// ZkJudge: asks ZooKeeper's own configuration parser whether it accepts each config file.
//
// Usage: java -cp <dir of ZkJudge.class>:<ZooKeeper jars> -Djdk.net.hosts.file=<hosts> ZkJudge [cfg ...]
// With no arguments it reads one path per line from stdin. For every path it prints one line:
//
//   <path> TAB OK TAB <facts> TAB <dataDir>          parse() accepted the file
//   <path> TAB ERROR TAB <exception> TAB <dataDir>   parse() threw: `Class: message <- Cause: ...`
//   <path> TAB SKIP TAB <why>           the file was not given to ZooKeeper (it would use the network)
//
// <dataDir> is the directory the parser looks in for `myid` (empty when unset).
//
// <facts> are space-separated `key=value` pairs about what ZooKeeper would do next at start-up,
// which parse() itself does not check: `mode` (standalone or quorum), `myid`, `myid_listed`
// (whether this server's id is among the servers; start-up dies when it is not), `port_clash`
// (two of this server's listeners on one port, e.g. `client/admin`, or `none`),
// `shared_port_sids` (servers whose quorum and election port are one socket), `cnxn_factory`
// (`ok`, or why the client connection factory will not start), `voters`, `observers`.
//
// Everything goes through reflection so the file compiles without ZooKeeper on the classpath and
// runs against the 3.4 and the 3.5+ class layouts alike. Only parse() runs: no server starts and no
// socket is opened. Names resolve through the hosts file given with -Djdk.net.hosts.file.

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

public final class ZkJudge {
    private static final String CONFIG_CLASS =
            "org.apache.zookeeper.server.quorum.QuorumPeerConfig";

    private final Class<?> configClass;
    private final PrintStream out;

    private ZkJudge(Class<?> configClass, PrintStream out) {
        this.configClass = configClass;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Class<?> configClass;
        try {
            configClass = Class.forName(CONFIG_CLASS);
        } catch (ClassNotFoundException e) {
            System.err.println("ZkJudge: " + CONFIG_CLASS + " is not on the classpath");
            System.exit(69);
            return;
        }
        ZkJudge judge = new ZkJudge(configClass, out);
        if (args.length > 0) {
            for (String path : args) {
                judge.judge(path);
            }
        } else {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty()) {
                    judge.judge(line);
                }
            }
        }
        out.flush();
    }

    private void judge(String path) {
        String skip = networkUse(path);
        if (skip != null) {
            emit(path, "SKIP", skip);
            return;
        }
        String dataDir = dataDir(path);
        Properties savedProperties = (Properties) System.getProperties().clone();
        Path backup = Paths.get(path + ".bak");
        byte[] backupBefore = readIfPresent(backup);
        resetStatics();
        try {
            Object config = configClass.getConstructor().newInstance();
            configClass.getMethod("parse", String.class).invoke(config, path);
            emit(path, "OK", facts(config), dataDir);
        } catch (InvocationTargetException e) {
            emit(path, "ERROR", describe(e.getCause()), dataDir);
        } catch (ReflectiveOperationException | RuntimeException e) {
            emit(path, "ERROR", "judge: " + describe(e), dataDir);
        } finally {
            System.setProperties(savedProperties);
            restore(backup, backupBefore);
        }
    }

    /// The `dataDir` the parser reads (where it looks for `myid`), as Properties decodes it and
    /// ZooKeeper trims it; empty when unset or unreadable.
    private static String dataDir(String path) {
        Properties props = new Properties();
        try (InputStream in = new FileInputStream(path)) {
            props.load(in);
        } catch (Exception e) {
            return "";
        }
        String value = props.getProperty("dataDir");
        return value == null ? "" : value.trim();
    }

    /// ZooKeeper 3.4.11 to 3.4.14 ping every server address while parsing when
    /// `ipReachableTimeout` is above zero; such files are not judged.
    private static String networkUse(String path) {
        Properties props = new Properties();
        try (InputStream in = new FileInputStream(path)) {
            props.load(in);
        } catch (Exception e) {
            return null; // Let ZooKeeper report the problem itself.
        }
        String timeout = props.getProperty("ipReachableTimeout");
        if (timeout == null) {
            return null;
        }
        try {
            if (Integer.parseInt(timeout.trim()) > 0) {
                return "ipReachableTimeout makes ZooKeeper 3.4 probe the network while parsing";
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /// The 3.5+ parser keeps `standaloneEnabled` and `reconfigEnabled` in static fields, so one
    /// file's setting would leak into the next one's parse.
    private void resetStatics() {
        setStatic("standaloneEnabled", true);
        setStatic("reconfigEnabled", false);
    }

    private void setStatic(String name, boolean value) {
        try {
            Field field = configClass.getDeclaredField(name);
            field.setAccessible(true);
            field.setBoolean(null, value);
        } catch (NoSuchFieldException e) {
            // 3.4 has neither field.
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("ZkJudge: cannot reset " + name + ": " + e);
        }
    }

    private String facts(Object config) {
        StringBuilder facts = new StringBuilder();
        Map<?, ?> servers = servers(config);
        boolean quorum = isDistributed(config, servers);
        Object myid = call(config, "getServerId");
        facts.append("mode=").append(quorum ? "quorum" : "standalone");
        facts.append(" myid=").append(myid);
        if (quorum && servers != null && myid != null) {
            facts.append(" myid_listed=").append(servers.containsKey(myid));
        }
        facts.append(" port_clash=").append(portClash(config, servers, quorum, myid));
        facts.append(" shared_port_sids=").append(sharedPortSids(servers));
        facts.append(" cnxn_factory=").append(cnxnFactory(config));
        if (servers != null) {
            int observers = 0;
            for (Object server : servers.values()) {
                Object type = field(server, "type");
                if (type != null && type.toString().equalsIgnoreCase("OBSERVER")) {
                    observers++;
                }
            }
            facts.append(" voters=").append(servers.size() - observers);
            facts.append(" observers=").append(observers);
        }
        return facts.toString();
    }

    /// Two listeners of this server on one port and overlapping addresses: start-up fails with a
    /// bind error. Reports the clashing pair (`client/admin`) or `none`.
    private String portClash(Object config, Map<?, ?> servers, boolean quorum, Object myid) {
        List<String> names = new ArrayList<>();
        List<InetSocketAddress> binds = new ArrayList<>();
        addBind(names, binds, "client", call(config, "getClientPortAddress"));
        addBind(names, binds, "secure", call(config, "getSecureClientPortAddress"));
        if (quorum && servers != null && myid != null && servers.containsKey(myid)) {
            Object own = servers.get(myid);
            boolean allIps = Boolean.TRUE.equals(call(config, "getQuorumListenOnAllIPs"));
            for (String[] f : new String[][] {{"quorum", "addr"}, {"election", "electionAddr"}}) {
                for (InetSocketAddress a : addresses(field(own, f[1]))) {
                    addBind(names, binds, f[0], allIps ? new InetSocketAddress(a.getPort()) : a);
                }
            }
        }
        // 3.5+ start an AdminServer (Jetty) unless it is disabled; 3.4 has none.
        if (hasClass("org.apache.zookeeper.server.admin.AdminServerFactory")
                && !"false".equals(System.getProperty("zookeeper.admin.enableServer"))) {
            Integer port = Integer.getInteger("zookeeper.admin.serverPort", 8080);
            String host = System.getProperty("zookeeper.admin.serverAddress", "0.0.0.0");
            addBind(names, binds, "admin", InetSocketAddress.createUnresolved(host, port));
        }
        for (int i = 0; i < binds.size(); i++) {
            for (int j = i + 1; j < binds.size(); j++) {
                if (overlap(binds.get(i), binds.get(j))) {
                    return names.get(i) + "/" + names.get(j);
                }
            }
        }
        return "none";
    }

    /// Whether the client connection factory can start: `unloadable` when `serverCnxnFactory`
    /// names no class, `nio_with_tls` when a secure client port is served by the NIO factory
    /// (which refuses TLS), else `ok`. Both failures happen only when the server starts.
    private static String cnxnFactory(Object config) {
        String name = System.getProperty("zookeeper.serverCnxnFactory");
        Class<?> factory = null;
        if (name != null) {
            try {
                factory = Class.forName(name, false, ZkJudge.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return "unloadable";
            } catch (LinkageError e) {
                // The class exists but a library it needs is not on this classpath (3.4's
                // Netty 3): a gap of this machine, not of the configuration.
                factory = null;
            }
        }
        if (call(config, "getSecureClientPortAddress") != null) {
            try {
                Class<?> netty = Class.forName("org.apache.zookeeper.server.NettyServerCnxnFactory",
                        false, ZkJudge.class.getClassLoader());
                if (factory == null || !netty.isAssignableFrom(factory)) {
                    return "nio_with_tls";
                }
            } catch (ClassNotFoundException | LinkageError e) {
                return "nio_with_tls";
            }
        }
        return "ok";
    }

    /// Servers whose quorum and election addresses are one socket: 3.4 accepts the line, but
    /// that server cannot bind its election port. Comma-separated sids, or `none`.
    private static String sharedPortSids(Map<?, ?> servers) {
        List<String> sids = new ArrayList<>();
        if (servers != null) {
            for (Map.Entry<?, ?> e : servers.entrySet()) {
                List<InetSocketAddress> quorum = addresses(field(e.getValue(), "addr"));
                List<InetSocketAddress> election = addresses(field(e.getValue(), "electionAddr"));
                boolean shared = false;
                for (InetSocketAddress q : quorum) {
                    for (InetSocketAddress el : election) {
                        shared |= q.getPort() > 0 && overlap(q, el);
                    }
                }
                if (shared) {
                    sids.add(String.valueOf(e.getKey()));
                }
            }
        }
        return sids.isEmpty() ? "none" : String.join(",", sids);
    }

    private static void addBind(List<String> names, List<InetSocketAddress> binds, String name,
            Object address) {
        if (address instanceof InetSocketAddress && ((InetSocketAddress) address).getPort() > 0) {
            names.add(name);
            binds.add((InetSocketAddress) address);
        }
    }

    /// A server's quorum or election address: one InetSocketAddress on 3.4, a MultipleAddresses on
    /// 3.6+.
    private static List<InetSocketAddress> addresses(Object value) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (value instanceof InetSocketAddress) {
            out.add((InetSocketAddress) value);
        } else if (value != null) {
            Object all = call(value, "getAllAddresses");
            if (all instanceof Iterable) {
                for (Object a : (Iterable<?>) all) {
                    if (a instanceof InetSocketAddress) {
                        out.add((InetSocketAddress) a);
                    }
                }
            }
        }
        return out;
    }

    private static boolean overlap(InetSocketAddress a, InetSocketAddress b) {
        if (a.getPort() != b.getPort()) {
            return false;
        }
        return wildcard(a) || wildcard(b) || a.getHostString().equals(b.getHostString());
    }

    private static boolean wildcard(InetSocketAddress a) {
        InetAddress address = a.getAddress();
        if (address != null) {
            return address.isAnyLocalAddress();
        }
        String host = a.getHostString();
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, ZkJudge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /// All servers by id: `getServers()` on 3.4, the quorum verifier's members on 3.5+.
    private static Map<?, ?> servers(Object config) {
        Object verifier = call(config, "getQuorumVerifier");
        if (verifier != null) {
            Object members = call(verifier, "getAllMembers");
            if (members instanceof Map) {
                return (Map<?, ?>) members;
            }
        }
        Object servers = call(config, "getServers");
        return servers instanceof Map ? (Map<?, ?>) servers : null;
    }

    /// What QuorumPeerMain decides: 3.5+ asks `isDistributed()`, 3.4 runs a quorum whenever
    /// server lines survived the parse.
    private static boolean isDistributed(Object config, Map<?, ?> servers) {
        Object distributed = call(config, "isDistributed");
        if (distributed instanceof Boolean) {
            return (Boolean) distributed;
        }
        return servers != null && !servers.isEmpty();
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // Look in the superclass.
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /// `Class: message <- CauseClass: message ...`, on one line.
    private static String describe(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null && parts.size() < 8; t = t.getCause()) {
            String name = t.getClass().getName();
            name = name.substring(name.lastIndexOf('.') + 1);
            parts.add(t.getMessage() == null ? name : name + ": " + t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(" <- ", parts);
    }

    private static byte[] readIfPresent(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /// Puts `<cfg>.bak` back as it was before the parse: gone, or with its old content.
    private static void restore(Path path, byte[] before) {
        try {
            if (before == null) {
                Files.deleteIfExists(path);
            } else {
                Files.write(path, before);
            }
        } catch (Exception e) {
            System.err.println("ZkJudge: cannot restore " + path + ": " + e);
        }
    }

    private void emit(String path, String verdict, String detail) {
        out.println(path + "\t" + verdict + "\t" + oneLine(detail));
    }

    private void emit(String path, String verdict, String detail, String dataDir) {
        out.println(path + "\t" + verdict + "\t" + oneLine(detail) + "\t" + oneLine(dataDir));
    }

    private static String oneLine(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r")
                .replace("\n", "\\n");
    }
}
