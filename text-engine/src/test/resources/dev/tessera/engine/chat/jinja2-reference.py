"""Writes jinja2-expected.json: the fixture templates and some Jinja snippets rendered by jinja2 the way
transformers does it (usage: python3 jinja2-reference.py [path/to/shared]; jinja2 3.1.6 made the stored file)."""
import json, sys
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.ext import loopcontrols
from jinja2.exceptions import TemplateError
def raise_exception(m): raise TemplateError(m)
def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)
env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters['tojson'] = tojson
env.globals['raise_exception'] = raise_exception
def render(tmpl, **kw):
    try: return env.from_string(tmpl).render(**kw)
    except TemplateError as e: return 'RAISE: ' + str(e)
SHARED = sys.argv[1] if len(sys.argv) > 1 else '../shared'
mll = json.load(open(SHARED + '/fixtures/tiny-mllama/chat_template.json'))['chat_template']
grd = json.load(open(SHARED + '/fixtures/tiny-guard/chat_template.json'))['chat_template']
B = dict(bos_token='<|begin_of_text|>', eos_token='<|eot_id|>')
cases = {}
cases['guard_custom_categories'] = render(grd, messages=[{'role':'user','content':[{'type':'text','text':'\u00a0 hi there\u3000\u2007'}]},{'role':'assistant','content':[{'type':'image'},{'type':'text','text':' first '},{'type':'text','text':'second\u202f'}]}],
    categories={'S2':'Two.\nMore lines.','S10':'Ten.','S1':'One.'}, excluded_category_keys=['S10'], add_generation_prompt=True, **B)
cases['guard_bad_roles'] = render(grd, messages=[{'role':'assistant','content':[{'type':'text','text':'x'}]}], **B)
tools=[{"type":"function","function":{"name":"get_weather","description":"Weather now – in °C","parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1.5e-05}},"required":["city"]}}}]
cases['mllama_tools'] = render(mll, messages=[{'role':'user','content':'What is the weather in Zürich?'}], tools=tools, date_string='01 Sep 2025', add_generation_prompt=True, **B)
cases['mllama_tool_result'] = render(mll, messages=[{'role':'user','content':'Weather?'},{'role':'tool','content':'{"temp": 20}'}], date_string='01 Sep 2025', add_generation_prompt=True, **B)
cases['mllama_system_image'] = render(mll, messages=[{'role':'system','content':'Be brief.'},{'role':'user','content':[{'type':'image'},{'type':'text','text':'Hi'}]}], add_generation_prompt=True, **B)
cases['mllama_no_gen_prompt'] = render(mll, messages=[{'role':'system','content':'  padded system\n'},{'role':'user','content':'Hi'},{'role':'assistant','content':'Hello!'}], date_string='26 Jul 2024', add_generation_prompt=False, **B)

# Jinja features in isolation (none prints a boolean or None, or repeats a string with *: Jinjava differs there)
S = [
 ("A\n  {% if x %}\n    B\n  {% endif %}\nC\n", {"x": True}),
 ("A\n  {%- if x %}\n    B\n  {%- endif %}\nC\n", {"x": True}),
 ("A\n  {% if x -%}\n    B\n  {% endif -%}\nC\n", {"x": True}),
 ("  {%+ if x %}y{% endif %}\n", {"x": True}),
 ("a {# comment #}\nb\n  {# indented comment #}\nc", {}),
 ("{% for m in ms %}\n  <{{ m }}>{% if not loop.last %},{% endif %}\n{% endfor %}\n", {"ms": ["a", "b", "c"]}),
 ("{% set ns = namespace(n=0, s='') %}{% for i in xs %}{% set ns.n = ns.n + i %}{% set ns.s = ns.s ~ i %}{% endfor %}{{ ns.n }} {{ ns.s }}", {"xs": [1, 2, 3]}),
 ("{{ x }}\n{{ y }}\n", {"x": "1", "y": "2"}),
 ("{{- x -}}\n\n  {{- y }}", {"x": "1", "y": "2"}),
 ("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", {"d": {"b": 1, "a": 2}}),
 ("{{ xs|join(', ') }}|{{ xs|length }}|{{ xs[0] }}|{{ xs[-1] }}|{{ xs[1:] }}", {"xs": ["p", "q", "r"]}),
 ("{% if m.content is string %}S{% else %}L{% endif %}{% if m.missing is defined %}D{% endif %}", {"m": {"content": "hi"}}),
 ("{{ 'a' ~ 1 ~ 'b' }}|{{ 7 // 2 }}|{{ 7 % 3 }}|{{ 'x' + 'y' }}", {}),
 ("{% set s = 'héllo' %}{{ s[0] }}{{ s[-1] }}{{ s[1:3] }}|{{ s.upper() }}|{{ 'Y' if s.startswith('hé') }}|{{ s.split('l') }}", {}),
 ("{% for m in ms %}{% if m.role == 'user' %}U{% elif m.role == 'assistant' %}A{% else %}?{% endif %}{% endfor %}", {"ms": [{"role": "user"}, {"role": "assistant"}, {"role": "tool"}]}),
 ("{% for m in ms if m.role != 'system' %}{{ loop.index }}{{ m.role[0] }}{% endfor %}", {"ms": [{"role": "system"}, {"role": "user"}, {"role": "assistant"}]}),
 ("{% for x in xs %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", {"xs": [1, 2, 3, 4, 5]}),
 ("{{ (xs|selectattr('type', 'equalto', 'text')|list)|length }}|{{ xs|map(attribute='type')|join(',') }}", {"xs": [{"type": "text"}, {"type": "image"}, {"type": "text"}]}),
 ("{{ '  padded  '|trim }}|{{ 'Hello'|lower }}|{{ 'hello'|upper }}|{{ 'a-b'|replace('-', '+') }}", {}),
 ("{%- macro h(r) -%}<{{ r }}>{%- endmacro -%}{{ h('user') }}{{ h('bot') }}", {}),
 ("{{ x|default('dflt') }}|{{ y|default('dflt') }}", {"y": "set"}),
 ("{% if xs %}non-empty{% endif %}{% if not ys %}|empty{% endif %}", {"xs": [1], "ys": []}),
]
out = []
for t, v in S:
    out.append({"template": t, "vars": v, "expected": ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols]).from_string(t).render(**v)})
cases['snippets'] = out
json.dump(cases, open('jinja2-expected.json', 'w'), ensure_ascii=False, indent=1)
