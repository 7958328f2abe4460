// A Git history: the base branch "main" holds both migrations; the work tree then edits the first one,
// as a careless pull request would.
def git(String... args) {
  def process = (['git', '-c', 'user.name=kit-it', '-c', 'user.email=kit-it@example.invalid'] + args.toList())
      .execute(null, basedir)
  process.waitForProcessOutput(System.out, System.err)
  assert process.exitValue() == 0 : "git ${args.join(' ')} failed"
}
git('init', '-q', '-b', 'main')
git('add', 'services')
git('commit', '-q', '-m', 'base')
git('checkout', '-q', '-b', 'feature')
def edited = new File(basedir, 'services/orders/migrations/20250101120000_create_orders.sql')
edited.text = edited.text.replace('id bigint PRIMARY KEY', 'id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY')
return true
