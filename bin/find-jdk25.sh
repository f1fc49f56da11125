# shellcheck shell=bash
# Finds a JDK 25 (or newer) for ./nfp, ./build and .ci/run. Source it, then call
#   nfp_find_jdk25 || exit 1     # exports JAVA_HOME and puts its bin/ first on PATH
#   nfp_require_maven || exit 1  # checks that mvn is on PATH
# Both print what is missing, and how to get it, on stderr.

NFP_MIN_JAVA=25

# The major version of the JDK at $1 ("25"), or nothing if $1 is not a JDK.
nfp_java_major() {
  local home=$1 version=""
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 0
  if [[ -r $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z $version ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  printf '%s' "$version"
}

# "Java 17" or "not a JDK", for the list of homes that were tried.
nfp_describe_major() {
  if [[ -n $1 ]]; then printf 'Java %s' "$1"; else printf 'not a JDK'; fi
}

nfp_find_jdk25() {
  local candidate major tried=()
  # JAVA_HOME wins when it is recent enough; otherwise the newest /usr/lib/jvm/*25*.
  if [[ -n ${JAVA_HOME:-} ]]; then
    major=$(nfp_java_major "$JAVA_HOME")
    if [[ -n $major && $major -ge $NFP_MIN_JAVA ]]; then
      export JAVA_HOME
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    tried+=("JAVA_HOME=$JAVA_HOME ($(nfp_describe_major "$major"))")
  fi
  while IFS= read -r candidate; do
    [[ -n $candidate ]] || continue
    major=$(nfp_java_major "$candidate")
    if [[ -n $major && $major -ge $NFP_MIN_JAVA ]]; then
      export JAVA_HOME=$candidate
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    tried+=("$candidate ($(nfp_describe_major "$major"))")
  done < <(compgen -G "/usr/lib/jvm/*25*" | sort -rV)
  {
    echo "nfp: no JDK $NFP_MIN_JAVA found."
    if ((${#tried[@]})); then
      printf '  tried: %s\n' "${tried[@]}"
    else
      echo "  tried: JAVA_HOME (unset) and /usr/lib/jvm/*25* (nothing there)"
    fi
    echo "  Install Eclipse Temurin $NFP_MIN_JAVA (on Debian 12: add the Adoptium apt repository,"
    echo "  then 'sudo apt-get install temurin-$NFP_MIN_JAVA-jdk'; it lands in /usr/lib/jvm),"
    echo "  or point JAVA_HOME at any JDK $NFP_MIN_JAVA or newer."
  } >&2
  return 1
}

nfp_require_maven() {
  if command -v mvn >/dev/null 2>&1; then
    return 0
  fi
  {
    echo "nfp: Maven (mvn) is not on PATH; it builds the project."
    echo "  On Debian 12: 'sudo apt-get install maven' (3.8.7 or newer), or run 'bash .ci/run',"
    echo "  which installs it and runs the tests."
  } >&2
  return 1
}
