#!/usr/bin/env bash
# De git- en gh-kant van .github/workflows/aandragen.yml: één tak en één pull request per issue.
#
#   .github/scripts/voorstel.sh bewerkt           # "true" als de tak commits heeft die de workflow niet maakte
#   .github/scripts/voorstel.sh indienen MAP      # commit, push en pull request uit de uitvoer van
#                                                 # 'kompaswaaier verwerk-issue --uitvoer MAP'
#
# Omgeving: TAK (kompaswaaier/issue-N), BASIS (de standaardtak), GITHUB_REPOSITORY, GH_TOKEN.
# De tak wordt telkens opnieuw gemaakt vanaf de uitgecheckte BASIS en met --force-with-lease gepusht: alleen als hij nog
# is zoals hij bij het ophalen was, zodat een commit van een ander nooit verloren gaat. Titel en tekst van
# de pull request gaan als bestand naar de API (gh api -F title=@bestand), nooit als argument of door de shell.
# Getest in tests/test_intake.py met een echte git-remote en een nagemaakte gh.
set -euo pipefail

BOT_NAAM="github-actions[bot]"
BOT_EMAIL="41898282+github-actions[bot]@users.noreply.github.com"
: "${TAK:?TAK ontbreekt}" "${BASIS:?BASIS ontbreekt}"
if ! [[ $TAK =~ ^kompaswaaier/issue-[1-9][0-9]*$ ]]; then
  echo "voorstel.sh: onverwachte tak '$TAK'" >&2
  exit 2
fi

ophalen() {  # origin/$TAK bijwerken; niet 0 als de tak (nog) niet bestaat
  git fetch --quiet origin "+refs/heads/$TAK:refs/remotes/origin/$TAK" 2>/dev/null
}

case "${1:-}" in
  bewerkt)
    git fetch --quiet origin "+refs/heads/$BASIS:refs/remotes/origin/$BASIS"
    # Zonder -q leest grep alles, zodat git log nooit een SIGPIPE krijgt (dat zou met pipefail "false" geven).
    if ophalen && git log --format=%ae "refs/remotes/origin/$BASIS..refs/remotes/origin/$TAK" | grep -vxF "$BOT_EMAIL" > /dev/null; then
      echo true
    else
      echo false
    fi
    ;;
  indienen)
    uit=${2:?gebruik: voorstel.sh indienen MAP}
    if [ ! -f "$uit/tak.txt" ]; then
      echo "Geen bestand gemaakt, dus geen tak en geen pull request."
      exit 0
    fi
    if [ "$(cat "$uit/tak.txt")" != "$TAK" ]; then
      echo "voorstel.sh: $uit/tak.txt noemt een andere tak dan $TAK" >&2
      exit 2
    fi
    if ophalen; then
      lease="refs/heads/$TAK:$(git rev-parse "refs/remotes/origin/$TAK")"
    else
      lease="refs/heads/$TAK:"  # de tak mag nog niet bestaan
    fi
    git -c user.name="$BOT_NAAM" -c user.email="$BOT_EMAIL" switch --quiet --force-create "$TAK"
    git add --pathspec-from-file="$uit/bestanden.txt"
    git -c user.name="$BOT_NAAM" -c user.email="$BOT_EMAIL" commit --quiet --file="$uit/commit.txt"
    if git rev-parse --verify --quiet "refs/remotes/origin/$TAK" > /dev/null \
       && git diff --quiet "refs/remotes/origin/$TAK" HEAD; then
      echo "De tak $TAK had al precies deze bestanden; niets gepusht."
    else
      git push --quiet --force-with-lease="$lease" origin "HEAD:refs/heads/$TAK"
      echo "Tak $TAK gepusht."
    fi
    repo=$GITHUB_REPOSITORY
    nummer=$(gh api "repos/$repo/pulls?state=open&head=${repo%%/*}:$TAK" --jq '.[0].number // empty')
    if [ -n "$nummer" ]; then
      gh api --method PATCH "repos/$repo/pulls/$nummer" -F "title=@$uit/pr-titel.txt" -F "body=@$uit/pr-tekst.md" > /dev/null
      echo "Pull request #$nummer bijgewerkt."
    else
      nummer=$(gh api --method POST "repos/$repo/pulls" -F "title=@$uit/pr-titel.txt" -F "body=@$uit/pr-tekst.md" \
                 -f "head=$TAK" -f "base=$BASIS" --jq .number)
      echo "Pull request #$nummer gemaakt."
    fi
    ;;
  *)
    echo "gebruik: voorstel.sh bewerkt | voorstel.sh indienen MAP" >&2
    exit 2
    ;;
esac
