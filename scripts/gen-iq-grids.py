# gen-iq-grids.py GGML_COMMON_H OUT: writes core/formats/iq_grids.h, the lattice tables of llama.cpp's
# IQ1/IQ2/IQ3 formats, from ggml-common.h (e.g. of the llama.cpp source in node-llama-cpp's
# llama/gitRelease.bundle: git clone it, then ggml/src/ggml-common.h).
import re,sys
src=open(sys.argv[1]).read()
def table(name):
    m=re.search(r'GGML_TABLE_BEGIN\((\w+), '+name+r', (\w+)\)(.*?)GGML_TABLE_END\(\)',src,re.S)
    vals=[v.strip() for v in m.group(3).replace('\n',' ').split(',') if v.strip()]
    size=m.group(2)
    if not size.isdigit():  # a macro (NGRID_IQ1S)
        size=re.search(r'#define '+size+r' (\d+)',src).group(1)
    assert len(vals)==int(size),(name,len(vals))
    return m.group(1),vals
out=[]
out.append('''#pragma once
// The lattice ("grid") tables of llama.cpp's IQ1/IQ2/IQ3 formats, data of the formats' definitions
// (ggml-common.h of the llama.cpp release tests/interop uses), generated from that header:
//   iq2xxs_grid: 256 points of 8 bytes (each 8, 25 or 43) for IQ2_XXS;
//   iq2xs_grid: 512 points of 8 bytes (the same magnitudes) for IQ2_XS;
//   iq2s_grid: 1024 points of 8 bytes (the same magnitudes) for IQ2_S;
//   iq3xxs_grid: 256 points of 4 bytes (4, 12, ..., 52, 62) for IQ3_XXS;
//   iq3s_grid: 512 points of 4 bytes (1, 3, ..., 15) for IQ3_S;
//   iq1s_grid: 2048 points of 8 signed bytes (-1, 0 or +1) for IQ1_S and IQ1_M;
//   ksigns_iq2xs: 7 sign bits -> 8 (the eighth makes the count of minus signs even).
// Byte j of a point (little-endian) is the magnitude of weight j of its group.\n// static: each translation unit its own copy (no symbol shared by the baseline and AVX2 objects,\n// test_isa_symbols).
#include <cstdint>

namespace qs::iq {
''')
for name,cname,ctype in [('iq2xxs_grid','kIq2xxsGrid','uint64_t'),('iq2xs_grid','kIq2xsGrid','uint64_t'),('iq2s_grid','kIq2sGrid','uint64_t'),('iq3xxs_grid','kIq3xxsGrid','uint32_t'),('iq3s_grid','kIq3sGrid','uint32_t'),('iq1s_grid','kIq1sGrid','uint64_t'),('ksigns_iq2xs','kSignsIq2xs','uint8_t')]:
    t,vals=table(name)
    per = 4 if ctype=='uint64_t' else 8 if ctype=='uint32_t' else 16
    out.append('static constexpr %s %s[%d] = {\n' % (ctype,cname,len(vals)))
    for i in range(0,len(vals),per):
        out.append('    '+', '.join(vals[i:i+per])+',\n')
    out.append('};\n')
out.append('\n}  // namespace qs::iq\n')
open(sys.argv[2],'w').write(''.join(out))
