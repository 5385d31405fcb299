/* bcryptprimitives.dll for Wine 8, which lacks it: Rust's std (1.78+) imports ProcessPrng from
 * it for HashMap seeds and the like. This shim answers from advapi32's RtlGenRandom
 * (SystemFunction036), which Wine has. Built by .ci/run with mingw and placed beside iistui.exe
 * for the Windows tier only; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000u ? 0x40000000u : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
