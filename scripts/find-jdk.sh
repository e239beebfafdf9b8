# Sourced by ./tessera and ./run-tests: exports JAVA_HOME pointing at a JDK >= 25, or exits with advice.
# Order: $JAVA_HOME, `java` on PATH, then the usual install folders.
_tessera_java_major() { # prints the major version of the java binary in $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}
_tessera_find_jdk() {
  local c cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)"); cands+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /opt/*/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && cands+=("$c")
  done
  for c in "${cands[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      local v; v=$(_tessera_java_major "$c/bin/java")
      if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
    fi
  done
  return 1
}
if ! TESSERA_JDK=$(_tessera_find_jdk); then
  echo "tessera: no JDK 25 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
  echo "tessera: install one, e.g. Temurin 25 (https://adoptium.net, or 'apt-get install temurin-25-jdk'), then set JAVA_HOME to it." >&2
  exit 2
fi
export JAVA_HOME="$TESSERA_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
