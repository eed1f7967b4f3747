import { Select, type SelectProps } from 'antd';

/**
 * The server lists no specialty tree to public or expert callers, so an applicant types the leaf codes (such as
 * B0101) and the server checks that each exists and is a leaf. Known names are shown when the record has them.
 */
export function SpecialtyCodesInput(
  props: Omit<SelectProps<string[]>, 'mode' | 'options'> & { known?: { code: string; name: string }[] },
) {
  const { known = [], ...rest } = props;
  return (
    <Select<string[]>
      mode="tags"
      tokenSeparators={[',', '，', '、', ' ']}
      placeholder="输入末级专业代码后回车，如 B0101；最多 5 个"
      options={known.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))}
      open={known.length ? undefined : false}
      suffixIcon={null}
      {...rest}
    />
  );
}
