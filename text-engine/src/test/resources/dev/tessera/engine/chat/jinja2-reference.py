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
mll = json.load(open('/work/shared/fixtures/tiny-mllama/chat_template.json'))['chat_template']
grd = json.load(open('/work/shared/fixtures/tiny-guard/chat_template.json'))['chat_template']
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
json.dump(cases, open('expected.json','w'), ensure_ascii=False, indent=1)
for k,v in cases.items(): print(k, repr(v)[:3000]); print()
