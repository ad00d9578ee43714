# Sourced by ./mvnw, ./logpipe and .ci/run: make JAVA_HOME point at a JDK 25 or newer.
# Keeps a JAVA_HOME that already qualifies; otherwise tries `java` on PATH, then JDKs under /usr/lib/jvm
# (these machines ship OpenJDK 17 as the default and Temurin 25 beside it).
_logpipe_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
_logpipe_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
                   /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(_logpipe_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if _logpipe_jdk=$(_logpipe_pick_jdk); then
  export JAVA_HOME="$_logpipe_jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  echo "logpipe: no JDK 25+ found (set JAVA_HOME, or install Temurin 25 under /usr/lib/jvm)" >&2
  return 1 2>/dev/null || exit 1
fi
unset _logpipe_jdk
