import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { Role } from '../../common/auth-user.js';
import { PageArgs, Paginated } from '../../common/paging.js';
import { User } from '../user.entity.js';

@ObjectType()
export class LoginResult {
  @Field({ description: 'Bearer 令牌，放在 Authorization 头中' })
  token: string;
  @Field()
  expiresAt: Date;
  @Field(() => User)
  user: User;
}

@InputType()
export class CreateUserInput {
  @Field() @IsNotEmpty({ message: '用户名不能为空' }) @MaxLength(64) username: string;
  @Field() @IsNotEmpty({ message: '姓名不能为空' }) @MaxLength(64) displayName: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
  @Field() @IsNotEmpty({ message: '密码不能为空' }) password: string;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => Role, { nullable: true }) @IsOptional() @IsEnum(Role) role?: Role;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() regionId?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() departmentId?: number;
}

export const UserPage = Paginated(User, 'UserPage');
