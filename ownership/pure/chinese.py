"""Chinese names in Latin letters: the pinyin syllables, and the Wade-Giles spellings of
them that lists still use (Chang Wei-ming for Zhang Weiming).

A pure module of data. The Wade-Giles table is the inverse of the pinyin to Wade-Giles
table of the pypinyin project (MIT licence, https://github.com/mozillazg/python-pinyin,
`pypinyin/style/wadegiles.py`), with apostrophes and umlauts dropped as lists drop them;
one spelling can stand for several syllables (chang: chang or zhang). Only the spellings
that differ from pinyin are listed. See docs/matching.md.
"""

from __future__ import annotations

PINYIN = frozenset(
    """
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai
can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de
dei den deng di dian diang diao die ding diu dong dou du duan dui dun duo e ei en eng er
fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua
guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai
huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka
kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang
lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo
lvan lve lvn lü lüan lüe lün ma mai man mang mao me mei men meng mi mian miao mie min
ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian niang niao nie nin
ning niu nong nou nu nuan nue nun nuo nve nü nüe o ou pa pai pan pang pao pei pen peng
pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu
quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang
sao se sei sen seng sha shai shan shang shao she shei shen sheng shi shong shou shu shua
shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te
teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo
wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yai yan yang yao ye
yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai
zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun
zhuo zi zong zou zu zuan zui zun zuo
""".split()  # noqa: SIM905 - 421 syllables read best as text
)

_WADE_GILES = """
ch`ua=chua cha=cha/zha chai=chai/zhai chan=chan/zhan chang=chang/zhang chao=chao/zhao
che=che/zhe chei=zhei chen=chen/zhen cheng=cheng/zheng chi=ji/qi chia=jia/qia
chiang=jiang/qiang chiao=jiao/qiao chieh=jie/qie chien=jian/qian chih=chi/zhi
chin=jin/qin ching=jing/qing chiu=jiu/qiu chiung=jiong/qiong cho=chuo/zhuo
chou=chou/zhou chu=chu/ju/qu/zhu chua=zhua chuai=chuai/zhuai chuan=chuan/juan/quan/zhuan
chuang=chuang/zhuang chueh=jue/que chui=chui/zhui chun=chun/jun/qun/zhun
chung=chong/zhong erh=er ho=he hsi=xi hsia=xia hsiang=xiang hsiao=xiao hsieh=xie
hsien=xian hsin=xin hsing=xing hsiu=xiu hsiung=xiong hsu=xu hsuan=xuan hsueh=xue
hsun=xun hung=hong i=yi jan=ran jang=rang jao=rao je=re jen=ren jeng=reng jih=ri jo=ruo
jou=rou ju=ru juan=ruan jui=rui jun=run jung=rong ka=ga/ka kai=gai/kai kan=gan/kan
kang=gang/kang kao=gao/kao kei=gei ken=gen/ken keng=geng/keng ko=ge/ke kou=gou/kou
ku=gu/ku kua=gua/kua kuai=guai/kuai kuan=guan/kuan kuang=guang/kuang kuei=gui/kui
kun=gun/kun kung=gong/kong kuo=guo/kuo lieh=lie lien=lian lo=lo/luo lu=lu/lü
luan=luan/lvan/lüan lueh=lue/lve/lüe lun=lun/lvn/lün lung=long mieh=mie mien=mian
nieh=nie nien=nian no=nuo nu=nu/nü nueh=nue/nve/nüe nung=nong o=e/o pa=ba/pa pai=bai/pai
pan=ban/pan pang=bang/pang pao=bao/pao pei=bei/pei pen=ben/pen peng=beng/peng pi=bi/pi
piao=biao/piao pieh=bie/pie pien=bian/pian pin=bin/pin ping=bing/ping po=bo/po pu=bu/pu
shih=shi shung=shong so=suo ssu=si sung=song ta=da/ta tai=dai/tai tan=dan/tan
tang=dang/tang tao=dao/tao te=de/te tei=dei ten=den teng=deng/teng ti=di/ti tiang=diang
tiao=diao/tiao tieh=die tien=dian/tian ting=ding/ting tiu=diu to=duo/tuo toeh=tie
tou=dou/tou tsa=ca/za tsai=cai/zai tsan=can/zan tsang=cang/zang tsao=cao/zao tse=ce/ze
tsei=zei tsen=cen/zen tseng=ceng/zeng tso=cuo/zuo tsou=cou/zou tsu=cu/zu tsuan=cuan/zuan
tsui=cui/zui tsun=cun/zun tsung=cong/zong tu=du/tu tuan=duan/tuan tui=dui/tui
tun=dun/tun tung=dong/tong tzu=ci/zi yeh=ye yen=yan yu=you/yu yueh=yue yung=yong
"""

# A Wade-Giles spelling -> the pinyin syllables it can stand for.
WADE_GILES: dict[str, frozenset[str]] = {
    spelling: frozenset(readings.split("/"))
    for spelling, readings in (entry.split("=") for entry in _WADE_GILES.split())
}
