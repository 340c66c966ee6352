// The user's build ran dovelua's cases as JUnit tests: four cases, all passed.
import javax.xml.parsers.DocumentBuilderFactory

def report = new File(basedir, 'target/surefire-reports/TEST-example.AuthScriptCasesTest.xml')
assert report.isFile() : "no Surefire report for AuthScriptCasesTest"
def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report).documentElement
assert suite.getAttribute('tests') == '4' : "expected 4 cases, ran ${suite.getAttribute('tests')}"
['failures', 'errors', 'skipped'].each { assert suite.getAttribute(it) == '0' : "${it}: ${suite.getAttribute(it)}" }
def cases = suite.getElementsByTagName('testcase')
def names = (0..<cases.length).collect { cases.item(it).getAttribute('name') }
assert names.contains('alice logs in') : "cases ran as ${names}"

// issue 18: depending on dovelua-junit brings no test tooling of ours (JUnit 4, MockWebServer)
def tree = new File(basedir, 'target/dependency-tree.txt')
assert tree.isFile() : "no dependency tree written"
def text = tree.text
['junit:junit', 'mockwebserver', 'org.hamcrest'].each {
    assert !text.contains(it) : "dovelua-junit's dependency tree holds ${it}:\n${text}"
}
assert text.contains('org.dovelua:dovelua-junit') : "the tree does not list dovelua-junit:\n${text}"
