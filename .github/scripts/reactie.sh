#!/usr/bin/env bash
# Zet een reactie bij een issue of pull request, of werk de eerdere reactie van de workflow bij.
#
#   .github/scripts/reactie.sh NUMMER MARKERING BESTAND
#
# De reactie begint met de verborgen markering <!-- MARKERING -->; staat er al een reactie van
# github-actions[bot] die zo begint, dan wordt die aangepast in plaats van een nieuwe te plaatsen.
# De tekst uit BESTAND gaat als bestand naar de API (gh api -F body=@bestand leest het als tekst):
# nooit als argument van een opdracht en nooit door de shell. Nodig: gh (staat op elke runner van
# GitHub), GH_TOKEN en GITHUB_REPOSITORY. Een te lange tekst kort de maker zelf in (kompaswaaier). Getest in tests/test_intake.py met een nagemaakte gh.
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "gebruik: reactie.sh NUMMER MARKERING BESTAND" >&2
  exit 2
fi
nummer=$1
markering=$2
bestand=$3
if ! [[ $nummer =~ ^[1-9][0-9]{0,9}$ ]]; then
  echo "reactie.sh: '$nummer' is geen nummer van een issue of pull request" >&2
  exit 2
fi
if ! [[ $markering =~ ^[a-z0-9:-]{1,60}$ ]]; then
  echo "reactie.sh: de markering mag alleen kleine letters, cijfers, ':' en '-' bevatten" >&2
  exit 2
fi
kop="<!-- $markering -->"
tekst=$(mktemp)
trap 'rm -f "$tekst"' EXIT
{ printf '%s\n' "$kop"; cat "$bestand"; } > "$tekst"

# De markering is hierboven gecontroleerd (alleen a-z, 0-9, ':' en '-'), dus ze kan veilig in het jq-filter.
id=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$nummer/comments" \
       --jq "[.[] | select(.user.login == \"github-actions[bot]\" and (.body | startswith(\"$kop\")))][0].id // empty" \
     | sed -n 1p)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" -F "body=@$tekst" > /dev/null
  echo "Reactie $id bij #$nummer bijgewerkt."
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$nummer/comments" -F "body=@$tekst" > /dev/null
  echo "Reactie bij #$nummer geplaatst."
fi
