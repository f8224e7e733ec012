#!/bin/sh
# Prepares the ZooKeeper jars that `cargo test --test conformance` judges meslint against.
#
#   * ZooKeeper 3.8 from Debian bookworm's `zookeeper` package (jars in /usr/share/java; the
#     package starts no service).
#   * ZooKeeper 3.4.13 from Debian bullseye's `libzookeeper-java`: only the .deb is downloaded,
#     with apt's own client and a private apt configuration under .cache/, and unpacked into
#     .cache/zk34/. Nothing is installed system-wide and /etc/apt is left untouched.
#
# What each version needs on the classpath to run QuorumPeerConfig.parse():
#   * 3.8: /usr/share/java/zookeeper.jar (its manifest pulls in zookeeper-jute, slf4j-api, netty,
#     metrics-core, ...) plus slf4j-nop.jar to keep the parser's logging quiet.
#   * 3.4: .cache/zk34/usr/share/java/zookeeper-3.4.13.jar (jute is inside) plus bookworm's
#     slf4j-api.jar and slf4j-nop.jar. The jline, log4j-1.2 and xerces jars its manifest names
#     are not touched by parse().
#
# Idempotent and non-interactive; run it as root on Debian bookworm.
set -eu

ZK34_VERSION="3.4.13-6+deb11u1"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE="$ROOT/.cache"
ZK34_DIR="$CACHE/zk34"
APT_DIR="$CACHE/apt-bullseye"

say() { printf 'setup-conformance: %s\n' "$*" >&2; }

need_root() {
    if [ "$(id -u)" != 0 ]; then
        say "must run as root to install packages ($*)"
        exit 1
    fi
}

# --- ZooKeeper 3.8 (bookworm) --------------------------------------------------------------
if [ ! -e /usr/share/java/zookeeper.jar ] || [ ! -e /usr/share/java/slf4j-nop.jar ]; then
    need_root "zookeeper"
    say "installing Debian's zookeeper package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends zookeeper libslf4j-java
fi
if ! command -v javac >/dev/null 2>&1; then
    need_root "a JDK for javac"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends default-jdk-headless
fi

# --- ZooKeeper 3.4.13 (bullseye), downloaded only ------------------------------------------
if ls "$ZK34_DIR"/usr/share/java/zookeeper-3.4*.jar >/dev/null 2>&1; then
    say "ZooKeeper 3.4 jar already in $ZK34_DIR"
    exit 0
fi

# The Debian mirrors this machine already uses: deb822 `URIs:` lines or one-line `deb` entries.
mirrors=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed -n -e 's/^[[:space:]]*URIs:[[:space:]]*//p' \
        -e 's/^[[:space:]]*deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p' |
    tr ' ' '\n' | grep -E '^https?://' | sed 's:/*$::' | sort -u)
main_mirror=$(printf '%s\n' "$mirrors" | grep -E '/debian$' | head -n 1 || true)
security_mirror=$(printf '%s\n' "$mirrors" | grep -E '/debian-security$' | head -n 1 || true)
if [ -z "$main_mirror" ]; then
    say "no Debian mirror (a URI ending in /debian) found in /etc/apt/sources.list*"
    exit 1
fi
say "using mirror $main_mirror${security_mirror:+ and $security_mirror}"

mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/archives/partial" "$APT_DIR/sources.list.d" "$APT_DIR/preferences.d"
: >"$APT_DIR/status"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
{
    echo "deb [signed-by=$keyring] $main_mirror bullseye main"
    echo "deb [signed-by=$keyring] $main_mirror bullseye-updates main"
    if [ -n "$security_mirror" ]; then
        echo "deb [signed-by=$keyring] $security_mirror bullseye-security main"
    fi
} >"$APT_DIR/sources.list"

apt_private() {
    apt-get -q \
        -o Dir::Etc::SourceList="$APT_DIR/sources.list" \
        -o Dir::Etc::SourceParts="$APT_DIR/sources.list.d" \
        -o Dir::Etc::PreferencesParts="$APT_DIR/preferences.d" \
        -o Dir::State="$APT_DIR" \
        -o Dir::State::Lists="$APT_DIR/lists" \
        -o Dir::State::status="$APT_DIR/status" \
        -o Dir::Cache="$APT_DIR" \
        -o Dir::Cache::archives="$APT_DIR/archives" \
        -o Debug::NoLocking=1 \
        -o APT::Sandbox::User=root \
        "$@"
}

apt_private update
mkdir -p "$CACHE/debs"
(cd "$CACHE/debs" && apt_private download "libzookeeper-java=$ZK34_VERSION")
deb=$(ls "$CACHE/debs"/libzookeeper-java_3.4.13*.deb | head -n 1)
mkdir -p "$ZK34_DIR"
dpkg-deb -x "$deb" "$ZK34_DIR"
say "ZooKeeper 3.4 jar unpacked: $(ls "$ZK34_DIR"/usr/share/java/zookeeper-3.4*.jar)"
