// The plugin description and the goal list name every goal; the new-migration goal's description keeps its examples
// (the placeholders it once had in angle brackets were eaten as HTML tags); every parameter's property is kit.*.
def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def summary = log.substring(log.indexOf('kit Maven plugin'), log.indexOf('BUILD SUCCESS'))
['kit:generate', 'kit:check', 'kit:verify', 'kit:new-migration', 'kit:diff', 'kit:help'].each { goal ->
  assert summary.contains("\n${goal}\n") : "kit:help lists ${goal}"
  assert summary.substring(0, summary.indexOf('\nkit:')).replaceAll(/\s+/, ' ').contains(goal) :
      "the plugin description names ${goal}"
}
def detail = log.substring(log.lastIndexOf('kit Maven plugin')).replaceAll(/\s+/, ' ')
assert detail.contains('mvn kit:new-migration -Dkit.name=add_users -Dkit.service=orders writes '
    + 'services/orders/migrations/20250301120000_add_users.sql')
['kit.name', 'kit.revert', 'kit.service', 'kit.description', 'kit.postgresCache', 'kit.skip'].each { property ->
  assert detail.contains("User property: ${property} ") : "kit:help -Ddetail shows ${property}"
}
assert !(detail =~ /User property: (?!kit\.)/) : 'every property is kit.*'
