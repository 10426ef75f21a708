/**
 * One entry of the category directory (GB/T 47678.5: components and matters, each under its
 * 大类), as public.category_directory returns it.
 */
import { z } from 'zod'

export const categorySchema = z.object({
  kind: z.enum(['component', 'matter']),
  code: z.string(),
  major_code: z.string(),
  major_name: z.string(),
  name: z.string(),
  is_local_extension: z.boolean(),
})
export type Category = z.infer<typeof categorySchema>
